package org.pagi.server;

/**
 * The server did not start because of the lifespan: the application sent {@code lifespan.startup.failed}, did
 * not answer in time, or declined lifespan while {@link LifespanMode#ON} required it. The message carries the
 * application's own words.
 */
public final class LifespanStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why startup failed */
    public LifespanStartupException(String message) {
        super(message);
    }
}
