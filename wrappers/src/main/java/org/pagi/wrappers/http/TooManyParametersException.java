package org.pagi.wrappers.http;

/**
 * A query string or form with more parameters than allowed. The routers answer it with 400 (see
 * {@link ClientError}).
 */
public final class TooManyParametersException extends IllegalArgumentException implements ClientError {
    private final int limit;

    TooManyParametersException(int limit) {
        super("more than " + limit + " query parameters (the limit)");
        this.limit = limit;
    }

    /** @return 400: the request line is unusable as sent */
    @Override
    public int status() {
        return 400;
    }

    /** @return the limit that was crossed */
    public int limit() {
        return limit;
    }
}
