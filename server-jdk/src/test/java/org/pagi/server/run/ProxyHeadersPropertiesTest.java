package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;

/** Whatever a proxy chain sends, the result is a valid request: the real peer or an IP literal, never an error. */
class ProxyHeadersPropertiesTest {
    private static final Optional<Endpoint> PEER = Optional.of(Endpoint.of("10.0.0.1", 40000));

    /** Header values built from the characters these headers use, plus some noise; no CR, LF or NUL. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("for=", "proto=", "https", "http", "ws", ";", ",", ", ", "\"", "\\", "[", "]", ":",
                        "::1", "10.0.0.9", "203.0.113.7", "2001:db8::1", "unknown", "_x", "=", " "),
                Arbitraries.strings().withCharRange('\u0001', '\u00ff').excludeChars('\r', '\n').ofMaxLength(4));
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 2000)
    void anyHeaderValuesGiveTheRealPeerOrAnIpLiteral(@ForAll("values") String forwarded,
            @ForAll("values") String xff, @ForAll("values") String proto) {
        RequestInfo before = new RequestInfo("1.1", "GET", "http", "/", Bytes.ascii("/"), Bytes.empty(), "",
                Headers.of("forwarded", forwarded, "x-forwarded-for", xff, "x-forwarded-proto", proto), PEER,
                Optional.empty());
        RequestInfo after = ProxyHeaders.apply(before, TrustedProxiesTest.ip("10.0.0.1"),
                TrustedProxies.parse(List.of("10.0.0.0/8")));
        assertTrue(Set.of("http", "https").contains(after.scheme()), after.scheme());
        assertTrue(after.client().equals(PEER)
                || IpLiteral.parse(after.client().orElseThrow().host()).isPresent(), after.client().toString());
    }
}
