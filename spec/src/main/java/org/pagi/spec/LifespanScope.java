package org.pagi.spec;

import java.util.Objects;

/**
 * The scope of the process lifespan: {@code type = "lifespan"}. The application receives
 * {@code lifespan.startup} before the server accepts its first connection and {@code lifespan.shutdown} after
 * the last one closed.
 *
 * @param pagi  spec versions, and whether (and which) worker this is
 * @param state the namespace whose shallow copies reach every later scope
 */
public record LifespanScope(PagiInfo pagi, State state) implements Scope {
    /** The scope type string. */
    public static final String TYPE = "lifespan";

    /** Checks for nulls. */
    public LifespanScope {
        Objects.requireNonNull(pagi, "pagi");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
