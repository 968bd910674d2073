package org.pagi.wrappers.http;

/**
 * A query string that {@link DecodeMode#STRICT} refused: a bad {@code %} escape or invalid UTF-8. The router
 * answers it with 400 (see {@link ClientError}).
 */
public final class MalformedQueryException extends IllegalArgumentException implements ClientError {
    private final int offset;

    MalformedQueryException(int offset, String problem) {
        super("malformed query string at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /** @return 400 */
    @Override
    public int status() {
        return 400;
    }

    /** @return the offset in the raw query string of the first byte that was wrong */
    public int offset() {
        return offset;
    }
}
