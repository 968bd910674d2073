package org.pagi.testing;

/**
 * A test-client wait ran out: the application neither sent what the test waited for nor returned. It is an
 * {@link AssertionError}, so JUnit reports a failed test, and its message says what was awaited.
 */
public final class PagiTestTimeoutException extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** @param message what was awaited, and for how long */
    public PagiTestTimeoutException(String message) {
        super(message);
    }
}
