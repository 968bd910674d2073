package org.pagi.testing;

/**
 * The application answered {@code lifespan.shutdown} with {@code lifespan.shutdown.failed}: its clean-up
 * failed. Thrown by {@link LifespanSession#shutdown()} once the application has returned;
 * {@link #reason()} is the application's message.
 */
public final class LifespanShutdownFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /** @param reason the message of {@code lifespan.shutdown.failed}; may be empty */
    public LifespanShutdownFailedException(String reason) {
        super("the application failed lifespan shutdown (lifespan.shutdown.failed)"
                + (reason.isEmpty() ? "" : ": " + reason));
        this.reason = reason;
    }

    /** @return the application's message, as sent; may be empty */
    public String reason() {
        return reason;
    }
}
