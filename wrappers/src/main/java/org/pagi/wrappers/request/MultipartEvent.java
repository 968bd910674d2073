package org.pagi.wrappers.request;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** What {@link MultipartParser#feed} found: a part's head, some of its data, its end, or the closing boundary. */
public sealed interface MultipartEvent {

    /**
     * A part begins.
     *
     * @param headers     the part's header fields, byte-exact
     * @param name        the field name from Content-Disposition (UTF-8)
     * @param filename    the filename as sent ({@code filename*} preferred over {@code filename}); present for files
     * @param contentType the part's Content-Type, if it has one
     */
    record PartStart(Headers headers, String name, Optional<String> filename, Optional<String> contentType)
            implements MultipartEvent {
        /** Checks for nulls. */
        public PartStart {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
        }
    }

    /** @param bytes the next bytes of the current part's content (never empty) */
    record Data(Bytes bytes) implements MultipartEvent {
    }

    /** The current part's content is complete. */
    record PartEnd() implements MultipartEvent {
    }

    /** The closing boundary: the body has no more parts. */
    record End() implements MultipartEvent {
    }
}
