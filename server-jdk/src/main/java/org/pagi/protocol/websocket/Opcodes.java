package org.pagi.protocol.websocket;

/**
 * The frame opcodes of RFC 6455 section 5.2 and the reserved-bit values {@link WebSocketCodec#frame} takes. Ints
 * rather than an enum because a frame on the wire may carry any 4-bit value, reserved ones included, and the
 * codec must be able to name and build those too.
 */
public final class Opcodes {
    /** 0x0: continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** 0x1: the first frame of a text message. */
    public static final int TEXT = 0x1;
    /** 0x2: the first frame of a binary message. */
    public static final int BINARY = 0x2;
    /** 0x8: Close. */
    public static final int CLOSE = 0x8;
    /** 0x9: Ping. */
    public static final int PING = 0x9;
    /** 0xA: Pong. */
    public static final int PONG = 0xA;

    /** RSV1 in the 3-bit reserved field (0b100): "Per-Message Compressed" under permessage-deflate. */
    public static final int RSV1 = 0b100;
    /** RSV2 in the 3-bit reserved field (0b010). */
    public static final int RSV2 = 0b010;
    /** RSV3 in the 3-bit reserved field (0b001). */
    public static final int RSV3 = 0b001;

    private Opcodes() {
    }

    /** @return whether {@code opcode} is a control opcode: its high bit is set (RFC 6455 section 5.5) */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** @return whether RFC 6455 section 5.2 reserves {@code opcode} (0x3-0x7, 0xB-0xF) */
    public static boolean isReserved(int opcode) {
        return (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xB;
    }
}
