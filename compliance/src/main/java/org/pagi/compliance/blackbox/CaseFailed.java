package org.pagi.compliance.blackbox;

/** A case's check did not hold: the server answered, but not as the rule says. */
public final class CaseFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what came, never more than a short excerpt of the server's bytes */
    public CaseFailed(String message) {
        super(message, null, false, false);
    }
}
