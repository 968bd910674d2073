package org.pagi.spec.event;

/** Status-code checks shared by the response-start events. */
final class Status {
    private Status() {
    }

    /** RFC 9110 section 15: a status code is three digits, 100 to 599 in practice. */
    static int check(String event, int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException(event + ": status must be 100-599, got " + status);
        }
        return status;
    }
}
