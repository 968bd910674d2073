package org.pagi.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Laws of {@link Bytes}. */
class BytesPropertiesTest {

    /** Strings of valid code points: unpaired surrogates have no UTF-8 form, so they cannot round-trip. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(40)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    @Property(tries = 500)
    void utf8RoundTripsAnyText(@ForAll("text") String text) {
        Bytes b = Bytes.utf8(text);
        assertTrue(b.isValidUtf8());
        assertEquals(text, b.utf8());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, b.length());
    }

    @Property(tries = 300)
    void latin1RoundTripsAnyBytes(@ForAll @Size(max = 64) byte[] data) {
        Bytes b = Bytes.of(data);
        assertEquals(b, Bytes.latin1(b.latin1()));
    }

    @Property(tries = 300)
    void equalityAndOrderingFollowTheContent(@ForAll @Size(max = 8) byte[] a, @ForAll @Size(max = 8) byte[] b) {
        Bytes x = Bytes.of(a);
        Bytes y = Bytes.of(b);
        assertEquals(Arrays.equals(a, b), x.equals(y));
        assertEquals(Integer.signum(Arrays.compareUnsigned(a, b)), Integer.signum(x.compareTo(y)));
        assertEquals(-Integer.signum(x.compareTo(y)), Integer.signum(y.compareTo(x)));
        if (x.equals(y)) {
            assertEquals(x.hashCode(), y.hashCode());
        }
    }

    @Property(tries = 300)
    void sliceUndoesConcat(@ForAll @Size(max = 32) byte[] a, @ForAll @Size(max = 32) byte[] b) {
        Bytes joined = Bytes.of(a).concat(Bytes.of(b));
        assertEquals(a.length + b.length, joined.length());
        assertEquals(Bytes.of(a), joined.slice(0, a.length));
        assertEquals(Bytes.of(b), joined.slice(a.length, joined.length()));
    }

    @Property(tries = 300)
    void toStringStaysBounded(@ForAll @Size(max = 300) byte[] data) {
        String s = Bytes.of(data).toString();
        // b"..." with at most four chars per shown byte, plus the elision suffix.
        assertTrue(s.length() <= 3 + 4 * Bytes.PRINT_LIMIT + "...(+300 bytes)".length(), s);
        assertTrue(s.startsWith("b\""), s);
        assertEquals(data.length > Bytes.PRINT_LIMIT, s.endsWith(" bytes)"), s);
    }
}
