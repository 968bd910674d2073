package org.pagi.protocol.websocket;

import java.nio.ByteBuffer;

/**
 * A streaming, fail-fast UTF-8 check: bytes go in as they arrive, in pieces of any size, and it reports failure at
 * the first byte that no valid continuation could follow. RFC 6455 section 8.1 wants a text message rejected as
 * soon as it is known to be invalid, and a frame may stop in the middle of a character, so a whole-buffer decoder
 * does not fit.
 *
 * <p>It accepts exactly what the JDK's strict UTF-8 decoder accepts (RFC 3629 section 4): no overlong forms
 * (C0, C1, E0 80-9F, F0 80-8F), no surrogates (ED A0-BF), nothing above U+10FFFF (F4 90-BF, F5-FF), no lone
 * continuation bytes. Once it fails it stays failed until {@link #reset()}.
 *
 * <p>Not thread-safe; one per message stream.
 */
public final class Utf8Validator {
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;
    private boolean failed;
    private long offset;
    private int badByte;

    /** Starts over, forgetting any sequence in progress and any failure. */
    public void reset() {
        need = 0;
        lo = 0x80;
        hi = 0xBF;
        failed = false;
        offset = 0;
        badByte = 0;
    }

    /** @return true while everything fed so far could still be valid UTF-8; false from the first bad byte on */
    public boolean feed(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (failed) {
            return false;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xFF;
            if (need == 0 ? !lead(c) : !continuation(c)) {
                failed = true;
                badByte = c;
                offset += i - off;
                return false;
            }
        }
        offset += len;
        return true;
    }

    /** Feeds the remaining bytes of {@code bytes}, consuming them. */
    public boolean feed(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            boolean ok = feed(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
            return ok;
        }
        byte[] chunk = new byte[Math.min(bytes.remaining(), 8192)];
        boolean ok = true;
        while (bytes.hasRemaining() && ok) {
            int n = Math.min(chunk.length, bytes.remaining());
            bytes.get(chunk, 0, n);
            ok = feed(chunk, 0, n);
        }
        bytes.position(bytes.limit());
        return ok;
    }

    /** @return whether no sequence is in progress (and nothing failed): the bytes so far form whole characters */
    public boolean atBoundary() {
        return need == 0 && !failed;
    }

    /** @return whether a bad byte was seen */
    public boolean failed() {
        return failed;
    }

    /** @return the offset, counted from the last reset, of the bad byte (after a failure) or of the next byte */
    long offset() {
        return offset;
    }

    /** @return the bad byte, after a failure */
    int badByte() {
        return badByte;
    }

    /** A first byte: ASCII, or the start of a 2-4 byte sequence whose second byte is limited to [lo, hi]. */
    private boolean lead(int c) {
        if (c < 0x80) {
            return true;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            return expect(1, 0x80, 0xBF);
        }
        return switch (c) {
            case 0xE0 -> expect(2, 0xA0, 0xBF); // below A0 would be an overlong 3-byte form
            case 0xED -> expect(2, 0x80, 0x9F); // A0-BF would encode a surrogate, U+D800-DFFF
            case 0xF0 -> expect(3, 0x90, 0xBF); // below 90 would be an overlong 4-byte form
            case 0xF4 -> expect(3, 0x80, 0x8F); // 90 and above would pass U+10FFFF
            default -> {
                if (c >= 0xE1 && c <= 0xEF) {
                    yield expect(2, 0x80, 0xBF);
                }
                if (c >= 0xF1 && c <= 0xF3) {
                    yield expect(3, 0x80, 0xBF);
                }
                yield false; // 80-BF alone, C0-C1 (overlong), F5-FF (beyond U+10FFFF)
            }
        };
    }

    private boolean expect(int more, int low, int high) {
        need = more;
        lo = low;
        hi = high;
        return true;
    }

    private boolean continuation(int c) {
        if (c < lo || c > hi) {
            return false;
        }
        need--;
        lo = 0x80;
        hi = 0xBF;
        return true;
    }
}
