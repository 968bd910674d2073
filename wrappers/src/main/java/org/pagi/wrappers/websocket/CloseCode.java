package org.pagi.wrappers.websocket;

import java.nio.charset.StandardCharsets;

/** RFC 6455 section 7.4 rules for the close code and reason an application sends. */
public final class CloseCode {
    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** The peer's Close frame carried no code (reported, never sent). */
    public static final int NO_STATUS = 1005;
    /** The connection dropped with no Close frame (reported, never sent). */
    public static final int ABNORMAL = 1006;
    /** A message was larger than the receiver accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** A close frame holds at most 125 bytes: 2 for the code, so 123 for the reason (RFC 6455 5.5). */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCode() {
    }

    /**
     * Whether an endpoint may send {@code code}: 1000-1003, 1007-1014 and 3000-4999. 1004 is reserved, 1005,
     * 1006 and 1015 only report what happened, 1016-2999 are reserved for the protocol, and everything outside
     * 1000-4999 is invalid.
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * @throws IllegalArgumentException naming the code, or the reason's UTF-8 length, when it may not be sent
     */
    public static void check(int code, String reason) {
        if (!isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent: use 1000-1003, 1007-1014"
                    + " or 3000-4999 (1004 is reserved; 1005, 1006 and 1015 only report; RFC 6455 7.4)");
        }
        int n = reason.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + n + " bytes of UTF-8; at most "
                    + MAX_REASON_BYTES + " fit in a close frame");
        }
    }
}
