package org.pagi.wrappers.http;

/** The {@code SameSite} attribute of a {@link SetCookie}. */
public enum SameSite {
    /** Sent on same-site requests only. */
    STRICT("Strict"),
    /** Sent on same-site requests and top-level cross-site navigations (the default). */
    LAX("Lax"),
    /** Sent on every request; browsers require {@code Secure} with it. */
    NONE("None");

    private final String text;

    SameSite(String text) {
        this.text = text;
    }

    /** @return the attribute value as written in the header */
    public String text() {
        return text;
    }
}
