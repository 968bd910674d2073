package org.pagi.compliance.property;

import java.util.Objects;

/**
 * A scripted SSE application together with its client.
 *
 * @param script what the application does
 * @param plan   what the client does
 */
public record SseCase(Script script, SsePlan plan) {
    /** Checks for nulls. */
    public SseCase {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(plan, "plan");
    }

    @Override
    public String toString() {
        return script + "\n  client: " + plan;
    }
}
