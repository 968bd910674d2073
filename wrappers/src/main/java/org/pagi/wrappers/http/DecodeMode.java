package org.pagi.wrappers.http;

/** How {@link QueryParams} turns percent-decoded bytes into text. */
public enum DecodeMode {
    /**
     * UTF-8, with each invalid sequence replaced by U+FFFD and a {@code %} not followed by two hex digits kept
     * literally: what browsers do with form data (WHATWG URL Standard, application/x-www-form-urlencoded), and
     * what upstream PAGI does by default. Never fails.
     */
    REPLACE,
    /** UTF-8 that must be valid and escapes that must be well formed; else {@link MalformedQueryException}. */
    STRICT,
    /**
     * No text decoding: the percent-decoded bytes, one char per byte (ISO-8859-1), so nothing is lost and the
     * caller may decode with any charset (upstream's {@code raw} option).
     */
    RAW
}
