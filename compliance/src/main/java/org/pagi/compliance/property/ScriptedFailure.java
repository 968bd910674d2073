package org.pagi.compliance.property;

/**
 * The failure a {@link ScriptedApp} fails with when its script says so: expected, so it carries no stack trace.
 */
public final class ScriptedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message where in the script it failed */
    public ScriptedFailure(String message) {
        super(message, null, false, false);
    }
}
