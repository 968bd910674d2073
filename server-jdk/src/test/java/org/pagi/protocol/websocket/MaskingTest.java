package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The wide masking agrees with RFC 6455 section 5.3 written out byte by byte, at every offset and phase. */
class MaskingTest {
    @Property(tries = 500)
    void agreesWithTheByteByByteDefinition(@ForAll @Size(max = 100) byte[] payload, @ForAll int key,
            @ForAll @IntRange(min = 0, max = 3) int phase, @ForAll @IntRange(min = 0, max = 7) int offset) {
        byte[] wide = new byte[offset + payload.length];
        System.arraycopy(payload, 0, wide, offset, payload.length);
        Masking.apply(wide, offset, payload.length, key, phase);
        byte[] expected = new byte[offset + payload.length];
        for (int j = 0; j < payload.length; j++) {
            int octet = (phase + j) & 3;
            expected[offset + j] = (byte) (payload[j] ^ (key >>> (24 - 8 * octet)));
        }
        assertArrayEquals(expected, wide);
    }
}
