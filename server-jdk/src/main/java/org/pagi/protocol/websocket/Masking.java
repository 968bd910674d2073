package org.pagi.protocol.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 6455 section 5.3 masking: payload octet j is XORed with key octet j MOD 4. Eight bytes at a time, since a
 * server unmasks every byte a client sends (a byte-at-a-time loop showed in profiles of 64 KiB echoes). Stateless.
 */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code len} bytes of {@code b} from {@code off} in place.
     *
     * @param key   the masking key, octet 0 in the high byte
     * @param phase the key octet the first byte pairs with (the payload position MOD 4)
     */
    static void apply(byte[] b, int off, int len, int key, int phase) {
        int k = Integer.rotateLeft(key, 8 * (phase & 3)); // the octet for the first byte is now the high one
        long k8 = (long) k << 32 | k & 0xFFFFFFFFL;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            LONGS.set(b, off + i, (long) LONGS.get(b, off + i) ^ k8);
        }
        for (; i < len; i++) {
            b[off + i] ^= (byte) (k >>> (24 - 8 * (i & 3)));
        }
    }

    /** @return the 4-byte key as an int, octet 0 in the high byte */
    static int key(byte[] mask) {
        return (mask[0] & 0xFF) << 24 | (mask[1] & 0xFF) << 16 | (mask[2] & 0xFF) << 8 | mask[3] & 0xFF;
    }
}
