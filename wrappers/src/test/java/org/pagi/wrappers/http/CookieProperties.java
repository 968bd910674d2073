package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pagi.spec.Headers;

class CookieProperties {

    @Property
    void anyCookieHeaderParsesWithoutFailing(@ForAll List<String> fields) {
        RequestCookies c = RequestCookies.parse(fields);
        c.names().forEach(n -> assertTrue(c.get(n).isPresent()));
    }

    @Property
    void anyLatin1HeaderFromTheWireParses(@ForAll("latin1") String value) {
        RequestCookies.parse(Headers.of(List.of(new org.pagi.spec.Header("cookie", org.pagi.spec.Bytes.latin1(value)))));
    }

    @Property
    void everyValueSurvivesSetCookieThenCookie(@ForAll("names") String name, @ForAll("text") String value) {
        String header = SetCookie.of(name, value).headerValue();
        String pair = header.substring(0, header.indexOf(';'));
        assertEquals(Optional.of(value), RequestCookies.parse(List.of("other=1; " + pair + "; " + name + "=later")).get(name));
    }

    @Property
    void aSimpleParserReadsBackTheAttributes(@ForAll("names") String name, @ForAll("text") String value,
            @ForAll @IntRange(min = 0, max = 1_000_000) int maxAge, @ForAll boolean secure, @ForAll SameSite sameSite) {
        Instant expires = Instant.ofEpochSecond(2_000_000_000L);
        SetCookie sent = SetCookie.of(name, value).withPath("/p").withDomain("example.com")
                .withMaxAge(Duration.ofSeconds(maxAge)).withExpires(expires).withSecure(true).withSecure(secure)
                .withSameSite(sameSite == SameSite.NONE && !secure ? SameSite.LAX : sameSite);
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] parts = sent.headerValue().split("; ");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            attributes.put(eq < 0 ? parts[i] : parts[i].substring(0, eq), eq < 0 ? "" : parts[i].substring(eq + 1));
        }
        assertEquals(Optional.of(value), RequestCookies.parse(List.of(parts[0])).get(name));
        assertEquals("/p", attributes.get("Path"));
        assertEquals("example.com", attributes.get("Domain"));
        assertEquals(String.valueOf(maxAge), attributes.get("Max-Age"));
        assertEquals(Optional.of(expires), HttpDate.parse(attributes.get("Expires")));
        assertEquals(secure, attributes.containsKey("Secure"));
        assertTrue(attributes.containsKey("HttpOnly"));
        assertEquals(sent.sameSite().orElseThrow().text(), attributes.get("SameSite"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ019_-!#$&'*+.^`|~").ofMinLength(1).ofMaxLength(10);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(20)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    }

    @Provide
    Arbitrary<String> latin1() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(60)
                .filter(s -> s.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0));
    }
}
