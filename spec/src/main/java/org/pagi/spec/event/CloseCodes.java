package org.pagi.spec.event;

import java.nio.charset.StandardCharsets;

/** RFC 6455 close-code and reason rules, shared by the close events. */
final class CloseCodes {
    /** A close frame's payload is at most 125 bytes: 2 for the code, so 123 for the reason (RFC 6455 5.5). */
    static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * Codes an endpoint may put in a Close frame (RFC 6455 section 7.4): 1000-1003, 1007-1014 and 3000-4999.
     * 1004 is reserved, and 1005, 1006 and 1015 must never be sent: they only report what happened.
     */
    static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    static void checkReason(String event, String reason) {
        int n = reason.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_REASON_BYTES) {
            throw new IllegalArgumentException(
                    event + ": reason is " + n + " bytes of UTF-8; a close frame holds at most " + MAX_REASON_BYTES);
        }
    }
}
