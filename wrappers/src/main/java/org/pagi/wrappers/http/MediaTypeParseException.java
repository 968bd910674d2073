package org.pagi.wrappers.http;

/** A media type (a {@code Content-Type} value, say) that does not follow RFC 9110 section 8.3.1. */
public final class MediaTypeParseException extends IllegalArgumentException {
    MediaTypeParseException(String text, String problem) {
        super("invalid media type \"" + text + "\": " + problem);
    }
}
