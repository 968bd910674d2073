package org.pagi.compliance.property;

import java.util.Objects;
import java.util.Optional;

/**
 * What the server saw of the application's lifespan.
 *
 * @param startup  the answer to {@code lifespan.startup}; empty when the host cannot tell
 * @param shutdown the answer to {@code lifespan.shutdown}; empty when the host cannot tell or sent none
 */
public record LifespanSeen(Optional<Answer> startup, Optional<Answer> shutdown) {
    /** Checks for nulls. */
    public LifespanSeen {
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /**
     * One answer of the application.
     *
     * @param kind    what it answered
     * @param message the message of a {@code *.failed} answer; empty otherwise
     */
    public record Answer(Kind kind, String message) {
        /** What the application answered. */
        public enum Kind {
            /** {@code lifespan.startup.complete} or {@code lifespan.shutdown.complete}. */
            COMPLETE,
            /** {@code lifespan.startup.failed} or {@code lifespan.shutdown.failed}. */
            FAILED,
            /** Nothing: it returned or failed first (for startup: it declined lifespan). */
            NONE
        }

        /** Checks for nulls. */
        public Answer {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        /** @return an answer with no message */
        public static Answer of(Kind kind) {
            return new Answer(kind, "");
        }
    }
}
