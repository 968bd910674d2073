package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.pagi.spec.Bytes;

/** Laws of {@link PercentDecoder}: encode then decode gives the bytes back, and decoding never fails. */
class PercentDecoderPropertiesTest {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /** Percent-encodes every byte; {@code upper} picks the hex case, which RFC 3986 2.1 says is equivalent. */
    private static Bytes encodeAll(byte[] data, boolean upper) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            String hex = "%02X".formatted(b & 0xFF);
            sb.append('%').append(upper ? hex : hex.toLowerCase(java.util.Locale.ROOT));
        }
        return Bytes.ascii(sb.toString());
    }

    /** Percent-encodes only what RFC 3986 section 2.3 does not call unreserved, as a browser would. */
    private static Bytes encodeReserved(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            int c = b & 0xFF;
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append("%%%02X".formatted(c));
            }
        }
        return Bytes.ascii(sb.toString());
    }

    @Property(tries = 300)
    void decodingTheFullEncodingGivesTheBytesBack(@ForAll @Size(max = 64) byte[] data, @ForAll boolean upper,
            @ForAll boolean plusIsSpace) {
        assertArrayEquals(data, PercentDecoder.decode(encodeAll(data, upper), plusIsSpace));
    }

    @Property(tries = 300)
    void decodingABrowserStyleEncodingGivesTheBytesBack(@ForAll @Size(max = 64) byte[] data,
            @ForAll boolean plusIsSpace) {
        assertArrayEquals(data, PercentDecoder.decode(encodeReserved(data), plusIsSpace));
    }

    @Property(tries = 300)
    void aValidUtf8PathDecodesToItsText(@ForAll("paths") String path) {
        byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(path, PercentDecoder.decodePath(encodeReserved(utf8)));
    }

    @Property(tries = 500)
    void decodingNeverFailsAndNeverGrows(@ForAll("percentHeavy") byte[] input, @ForAll boolean plusIsSpace) {
        byte[] out = PercentDecoder.decode(Bytes.of(input), plusIsSpace);
        assertTrue(out.length <= input.length);
        PercentDecoder.decodePath(Bytes.of(input));
    }

    @Property(tries = 300)
    void inputWithoutPercentOrPlusIsLeftAsItIs(@ForAll("noEscapes") byte[] input, @ForAll boolean plusIsSpace) {
        assertArrayEquals(input, PercentDecoder.decode(Bytes.of(input), plusIsSpace));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withCharRange(' ', '\u024f').withChars("/\u20ac\u4e2d").ofMaxLength(30)
                .map(s -> "/" + s);
    }

    /** Arbitrary bytes, with '%', '+' and hex digits made common so that near-escapes are exercised. */
    @Provide
    Arbitrary<byte[]> percentHeavy() {
        Arbitrary<Byte> common = Arbitraries.of((byte) '%', (byte) '+', (byte) 'a', (byte) 'F', (byte) '0',
                (byte) '9', (byte) 'g');
        return Arbitraries.oneOf(common, Arbitraries.bytes()).array(byte[].class).ofMaxSize(40);
    }

    @Provide
    Arbitrary<byte[]> noEscapes() {
        return Arbitraries.bytes().filter(b -> b != '%' && b != '+').array(byte[].class).ofMaxSize(40);
    }
}
