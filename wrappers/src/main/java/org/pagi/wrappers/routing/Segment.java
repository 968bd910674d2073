package org.pagi.wrappers.routing;

import java.util.Objects;

/** One piece of a {@link PathTemplate} between slashes. */
public sealed interface Segment {

    /** Text that must equal the (percent-decoded) path segment exactly. */
    record Literal(String text) implements Segment {
        /** Checks the text is present. */
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A named parameter taking one whole segment that its type accepts. */
    record Param(String name, ParamType type) implements Segment {
        /** Checks the name and type are present. */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The rest of the path, one segment or more, slashes included; always the last segment. */
    record Wildcard(String name) implements Segment {
        /** Checks the name is present. */
        public Wildcard {
            Objects.requireNonNull(name, "name");
        }
    }
}
