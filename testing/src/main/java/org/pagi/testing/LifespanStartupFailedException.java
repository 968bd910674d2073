package org.pagi.testing;

/**
 * The application answered {@code lifespan.startup} with {@code lifespan.startup.failed}: a server would not
 * start. Thrown by {@link LifespanSession#startup()}; {@link #reason()} is the application's message.
 */
public final class LifespanStartupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /** @param reason the message of {@code lifespan.startup.failed}; may be empty */
    public LifespanStartupFailedException(String reason) {
        super("the application failed lifespan startup (lifespan.startup.failed)"
                + (reason.isEmpty() ? "" : ": " + reason));
        this.reason = reason;
    }

    /** @return the application's message, as sent; may be empty */
    public String reason() {
        return reason;
    }
}
