package org.pagi.protocol.websocket;

/**
 * Every way a WebSocket peer can break RFC 6455 or RFC 7692 that the codec rejects, each with the close code to
 * send and the rule it breaks. Logs, tests and docs use these names, so they all say the same thing.
 */
public enum WsViolation {
    UNMASKED_CLIENT_FRAME(1002, "RFC 6455 section 5.1: a client must mask every frame"),
    MASKED_SERVER_FRAME(1002, "RFC 6455 section 5.1: a server must not mask any frame"),
    RESERVED_BITS(1002, "RFC 6455 section 5.2: RSV1-3 are 0 unless a negotiated extension defines them"),
    RESERVED_OPCODE(1002, "RFC 6455 section 5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved"),
    CONTROL_FRAME_TOO_LONG(1002, "RFC 6455 section 5.5: a control frame's payload is at most 125 bytes"),
    FRAGMENTED_CONTROL_FRAME(1002, "RFC 6455 section 5.5: a control frame must not be fragmented"),
    CONTINUATION_WITHOUT_START(1002, "RFC 6455 section 5.4: a continuation frame needs a fragmented message to continue"),
    DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE(1002,
            "RFC 6455 section 5.4: fragments of one message must not be interleaved with another message"),
    LENGTH_MOST_SIGNIFICANT_BIT(1002, "RFC 6455 section 5.2: the most significant bit of a 64-bit length is 0"),
    NON_MINIMAL_LENGTH(1002, "RFC 6455 section 5.2: the payload length uses the minimal number of bytes"),
    INVALID_UTF8(1007, "RFC 6455 section 8.1: a text message is valid UTF-8"),
    MESSAGE_TOO_BIG(1009, "RFC 6455 section 7.4.1: the message is larger than this endpoint accepts"),
    INVALID_CLOSE_CODE(1002,
            "RFC 6455 section 7.4: a close code is 1000-1003, 1007-1014 or 3000-4999 (1004-1006 and 1015 are never sent)"),
    ONE_BYTE_CLOSE_PAYLOAD(1002, "RFC 6455 section 5.5.1: a close payload is empty or starts with a 2-byte code"),
    INVALID_CLOSE_REASON(1002, "RFC 6455 section 5.5.1: a close reason is UTF-8"),
    COMPRESSED_CONTROL_FRAME(1002, "RFC 7692 section 6.1: control frames are never compressed (RSV1 set)"),
    COMPRESSED_CONTINUATION(1002, "RFC 7692 section 6.1: RSV1 is set on the first frame of a message only"),
    INVALID_COMPRESSED_DATA(1007, "RFC 7692 section 7.2.2: a compressed message is valid DEFLATE data"),
    DECOMPRESSED_TOO_BIG(1009, "RFC 7692 section 8.1: the decompressed message is larger than this endpoint accepts");

    private final int closeCode;
    private final String rule;

    WsViolation(int closeCode, String rule) {
        this.closeCode = closeCode;
        this.rule = rule;
    }

    /** @return the close code to send before closing the connection */
    public int closeCode() {
        return closeCode;
    }

    /** @return the rule, with its RFC section */
    public String rule() {
        return rule;
    }
}
