package org.pagi.protocol.websocket;

import org.pagi.protocol.bytes.ReadBuffer;

/**
 * One frame header as it arrived (RFC 6455 section 5.2), before any rule is applied: the decoder checks it.
 *
 * <pre>
 *  0               1               2               3
 *  F R R R opcode  M len7          extended length (0, 2 or 8 bytes), then masking key (0 or 4 bytes)
 * </pre>
 *
 * @param fin         the FIN bit
 * @param rsv         the three reserved bits as 0-7 ({@link Opcodes#RSV1} is 0b100)
 * @param opcode      the 4-bit opcode
 * @param masked      the MASK bit
 * @param length      the payload length; negative if a 64-bit length had its most significant bit set
 * @param lengthBytes how the length was encoded: 0 (in len7), 2 or 8 extra bytes
 * @param maskKey     the masking key, big-endian; 0 when not masked
 * @param size        the header's size in bytes, 2 to 14
 */
record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, long length, int lengthBytes, int maskKey,
        int size) {

    boolean rsv1() {
        return (rsv & Opcodes.RSV1) != 0;
    }

    boolean isControl() {
        return Opcodes.isControl(opcode);
    }

    /** @return the header at the front of {@code in} without consuming it, or null if it has not all arrived */
    static FrameHeader peek(ReadBuffer in) {
        int available = in.available();
        if (available < 2) {
            return null;
        }
        byte[] b = in.array();
        int p = in.readPos();
        int b0 = b[p] & 0xFF;
        int b1 = b[p + 1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int size = 2 + lengthBytes + (masked ? 4 : 0);
        if (available < size) {
            return null;
        }
        long length = len7;
        if (lengthBytes > 0) {
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | (b[p + 2 + i] & 0xFF);
            }
        }
        int maskKey = 0;
        if (masked) {
            int m = p + 2 + lengthBytes;
            maskKey = (b[m] & 0xFF) << 24 | (b[m + 1] & 0xFF) << 16 | (b[m + 2] & 0xFF) << 8 | (b[m + 3] & 0xFF);
        }
        return new FrameHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, masked, length, lengthBytes, maskKey,
                size);
    }
}
