package org.pagi.wrappers.http;

/** A query string or form with more parameters than allowed. The router answers it with 413. */
public final class TooManyParametersException extends IllegalArgumentException {
    private final int limit;

    TooManyParametersException(int limit) {
        super("more than " + limit + " query parameters (the limit)");
        this.limit = limit;
    }

    /** @return the limit that was crossed */
    public int limit() {
        return limit;
    }
}
