package org.pagi.wrappers.request;

/** Status 400: malformed: bad JSON, invalid text in the declared charset. */
public final class BadRequestException extends RequestException {
    private static final long serialVersionUID = 1L;

    /** A 400 failure with {@code message}. */
    public BadRequestException(String message) {
        super(message, null);
    }

    /** A 400 failure with {@code message} and the failure behind it. */
    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 400;
    }
}
