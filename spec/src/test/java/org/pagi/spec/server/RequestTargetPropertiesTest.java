package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;

/** Laws of request-target splitting, checked through {@link ScopeFactory#requestInfo}. */
class RequestTargetPropertiesTest {

    private static final ConnectionInfo CONNECTION = new ConnectionInfo(false, Optional.empty(), Optional.empty(), "");

    private static RequestInfo requestInfo(String method, Bytes target) {
        return ScopeFactory.requestInfo(new RequestHead(method, target, "1.1", Headers.empty()), CONNECTION,
                ScopeFactory.Kind.HTTP);
    }

    /** Visible ASCII (0x21-0x7E) without '?' and '#': what a raw path may hold. */
    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('?', '#').ofMaxLength(30)
                .map(s -> "/" + s);
    }

    /** Visible ASCII without '#': a query may hold further '?'. */
    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('#').ofMaxLength(30);
    }

    @Property(tries = 500)
    void originFormSplitsBackIntoExactlyThePathAndQuery(@ForAll("paths") String path, @ForAll("queries") String query) {
        RequestInfo info = requestInfo("GET", Bytes.ascii(path + "?" + query));
        assertEquals(Bytes.ascii(path), info.rawPath());
        assertEquals(Bytes.ascii(query), info.queryString());
    }

    @Property(tries = 300)
    void originFormWithoutQuestionMarkHasAnEmptyQuery(@ForAll("paths") String path) {
        RequestInfo info = requestInfo("GET", Bytes.ascii(path));
        assertEquals(Bytes.ascii(path), info.rawPath());
        assertEquals(Bytes.empty(), info.queryString());
    }

    @Property(tries = 300)
    void absoluteFormSplitsLikeOriginForm(@ForAll("paths") String path, @ForAll("queries") String query) {
        RequestInfo info = requestInfo("GET", Bytes.ascii("https://example.com:8443" + path + "?" + query));
        assertEquals(Bytes.ascii(path), info.rawPath());
        assertEquals(Bytes.ascii(query), info.queryString());
    }

    @Property(tries = 500)
    void anyTargetGivesARequestInfoOrAnInvalidRequest(@ForAll("methods") String method,
            @ForAll("targets") byte[] target) {
        RequestInfo info;
        try {
            info = requestInfo(method, Bytes.of(target));
        } catch (InvalidRequestException e) {
            assertTrue(Set.of(400, 501).contains(e.status()), "status " + e.status());
            return;
        }
        Bytes raw = info.rawPath();
        assertTrue(raw.equals(Bytes.ascii("*")) || (raw.length() > 0 && raw.byteAt(0) == '/'), raw.toString());
        for (int i = 0; i < raw.length(); i++) {
            int b = raw.byteAt(i) & 0xFF;
            assertTrue(b > 0x20 && b < 0x7F && b != '?' && b != '#', raw.toString());
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "OPTIONS", "CONNECT", "HEAD");
    }

    /** Arbitrary bytes, and targets built from the characters that steer the parser. */
    @Provide
    Arbitrary<byte[]> targets() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        Arbitrary<byte[]> shaped = Arbitraries.strings().withChars("/?#*%: ahtps\u007f\u00e9").ofMaxLength(20)
                .flatMap(rest -> Arbitraries.of("", "/", "*", "http://", "https://", "HTTP://h").map(p -> p + rest))
                .map(s -> Bytes.latin1(s).toByteArray());
        return Arbitraries.oneOf(raw, shaped);
    }
}
