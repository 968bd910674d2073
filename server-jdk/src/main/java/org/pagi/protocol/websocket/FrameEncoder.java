package org.pagi.protocol.websocket;

import java.nio.ByteBuffer;

/**
 * Builds frames (RFC 6455 section 5.2) as buffers for a gathering write: the header, then the payload. An
 * unmasked payload is passed through as given (a read-only view, not a copy); a masked one is copied once, since
 * masking rewrites every byte. It builds any frame asked for, illegal ones included; the rules are the caller's.
 * Stateless.
 */
final class FrameEncoder {
    private FrameEncoder() {
    }

    /**
     * @param payload a buffer positioned at the payload; not modified
     * @param mask    the 4-byte masking key, or null for an unmasked frame
     */
    static ByteBuffer[] frame(boolean fin, int rsv, int opcode, ByteBuffer payload, byte[] mask) {
        if (rsv < 0 || rsv > 7) {
            throw new IllegalArgumentException("rsv is the 3 reserved bits as 0-7, got " + rsv);
        }
        if (opcode < 0 || opcode > 0xF) {
            throw new IllegalArgumentException("opcode is 4 bits, 0-15, got " + opcode);
        }
        if (mask != null && mask.length != 4) {
            throw new IllegalArgumentException("a masking key is 4 bytes, got " + mask.length);
        }
        int len = payload.remaining();
        ByteBuffer header = header(fin, rsv, opcode, len, mask);
        if (mask == null) {
            return len == 0 ? new ByteBuffer[] {header} : new ByteBuffer[] {header, payload.slice()};
        }
        byte[] masked = new byte[len];
        payload.duplicate().get(masked);
        Masking.apply(masked, 0, len, Masking.key(mask), 0);
        return len == 0 ? new ByteBuffer[] {header} : new ByteBuffer[] {header, ByteBuffer.wrap(masked)};
    }

    private static ByteBuffer header(boolean fin, int rsv, int opcode, int len, byte[] mask) {
        // RFC 6455 section 5.2: 7-bit lengths up to 125, then 126 + 16 bits, then 127 + 64 bits; always the shortest.
        int lengthBytes = len <= 125 ? 0 : len <= 0xFFFF ? 2 : 8;
        ByteBuffer h = ByteBuffer.allocate(2 + lengthBytes + (mask == null ? 0 : 4));
        h.put((byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode));
        int maskBit = mask == null ? 0 : 0x80;
        switch (lengthBytes) {
            case 0 -> h.put((byte) (maskBit | len));
            case 2 -> h.put((byte) (maskBit | 126)).putShort((short) len);
            default -> h.put((byte) (maskBit | 127)).putLong(len);
        }
        if (mask != null) {
            h.put(mask);
        }
        return h.flip();
    }
}
