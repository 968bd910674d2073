package org.pagi.wrappers.request;

/** Status 413: over a BodyLimits limit; reading stopped at the chunk that crossed it. */
public final class PayloadTooLargeException extends RequestException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message, null);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 413;
    }
}
