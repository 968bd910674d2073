package org.pagi.protocol.websocket;

import java.nio.charset.StandardCharsets;

/** The Close frame payload (RFC 6455 section 5.5.1): reading a peer's and building ours. Stateless. */
final class CloseFrames {
    /** RFC 6455 section 7.1.5: the code reported when a Close frame carried no status. */
    static final int NO_STATUS = 1005;
    /** RFC 6455 section 5.5: a control payload holds at most 125 bytes, 2 of them the code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseFrames() {
    }

    /** @return the Close event for a received payload */
    static WsEvent.Close read(byte[] b, int len) throws WsProtocolException {
        if (len == 0) {
            return new WsEvent.Close(NO_STATUS, "");
        }
        if (len == 1) {
            throw new WsProtocolException(WsViolation.ONE_BYTE_CLOSE_PAYLOAD, "close payload is 1 byte");
        }
        int code = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        if (!isSendable(code)) {
            throw new WsProtocolException(WsViolation.INVALID_CLOSE_CODE, "close code " + code);
        }
        Utf8Validator utf8 = new Utf8Validator();
        if (!utf8.feed(b, 2, len - 2) || !utf8.atBoundary()) {
            throw new WsProtocolException(WsViolation.INVALID_CLOSE_REASON, utf8.failed()
                    ? "byte 0x%02X at offset %d of the close reason".formatted(utf8.badByte(), utf8.offset())
                    : "close reason ends inside a UTF-8 sequence");
        }
        return new WsEvent.Close(code, new String(b, 2, len - 2, StandardCharsets.UTF_8));
    }

    /**
     * Codes an endpoint may put in a Close frame (RFC 6455 section 7.4): 1000-1003, 1007-1014 (1012-1014 are
     * IANA-registered since) and 3000-4999. 1004 is reserved; 1005, 1006 and 1015 only report what happened and
     * must never be sent; 0-999 are unused and 1016-2999 are kept for future RFCs.
     */
    static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * @return the payload of our Close frame: empty for 1005, else the code and the reason's UTF-8, cut on a
     *     character boundary so the payload stays within 125 bytes
     * @throws IllegalArgumentException for a code we may not send, or a reason with an unpaired surrogate
     */
    static byte[] payload(int code, String reason) {
        if (code == NO_STATUS) {
            if (!reason.isEmpty()) {
                throw new IllegalArgumentException("close: code 1005 sends an empty payload, so it takes no reason");
            }
            return new byte[0];
        }
        if (!isSendable(code)) {
            throw new IllegalArgumentException("close: " + code
                    + " is not a code an endpoint may send (1000-1003, 1007-1014, 3000-4999; RFC 6455 section 7.4)");
        }
        byte[] text = utf8("close reason", reason);
        int n = Math.min(text.length, MAX_REASON_BYTES);
        while (n < text.length && (text[n] & 0xC0) == 0x80) {
            n--; // step back off continuation bytes so the cut falls between characters
        }
        byte[] out = new byte[2 + n];
        out[0] = (byte) (code >> 8);
        out[1] = (byte) code;
        System.arraycopy(text, 0, out, 2, n);
        return out;
    }

    /** @return the UTF-8 of {@code s}; an unpaired surrogate is an error, not the JDK's silent '?' */
    static byte[] utf8(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(
                            what + " has an unpaired surrogate at index " + i + ", which UTF-8 cannot encode");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
