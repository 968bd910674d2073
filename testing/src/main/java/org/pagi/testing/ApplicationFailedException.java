package org.pagi.testing;

/**
 * Carries a checked exception the application failed with into the test. Unchecked exceptions and errors are
 * rethrown as they are.
 */
public final class ApplicationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause what the application failed with */
    public ApplicationFailedException(Throwable cause) {
        super("the application failed: " + cause, cause);
    }

    /** Rethrows {@code failure} as it is when unchecked, or wrapped when checked. */
    static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new ApplicationFailedException(failure);
    }
}
