package org.pagi.wrappers.request;

/**
 * A request the handler cannot use, with the HTTP status that says why: 400 (malformed), 413 (over a
 * {@link BodyLimits} limit) or 415 (a content type or charset the method does not read).
 */
public abstract sealed class RequestException extends RuntimeException
        permits BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException {
    private static final long serialVersionUID = 1L;

    RequestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the response status this failure maps to */
    public abstract int status();
}
