package org.pagi.wrappers.request;

/** Status 413: over a BodyLimits limit; reading stopped at the chunk that crossed it. */
public final class PayloadTooLargeException extends RequestException {
    private static final long serialVersionUID = 1L;

    /** A 413 failure naming the limit in {@code message}. */
    public PayloadTooLargeException(String message) {
        super(message, null);
    }

    /** A 413 failure naming the limit, with the failure behind it. */
    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 413;
    }
}
