package org.pagi.compliance.property;

import java.util.Objects;
import java.util.OptionalInt;
import org.pagi.spec.Bytes;

/**
 * What the client of one SSE request does.
 *
 * @param body       the request body; empty for a {@code GET}
 * @param leaveAfter empty: read the stream to its end; present: leave after reading at most that many events. A
 *                   host that cannot read part of a response may leave as soon as the request is sent
 */
public record SsePlan(Bytes body, OptionalInt leaveAfter) {
    /** Checks for nulls. */
    public SsePlan {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(leaveAfter, "leaveAfter");
    }
}
