package org.pagi.wrappers.request;

/** Status 415: a content type or charset the read method does not accept. */
public final class UnsupportedMediaTypeException extends RequestException {
    private static final long serialVersionUID = 1L;

    /** A 415 failure with {@code message}. */
    public UnsupportedMediaTypeException(String message) {
        super(message, null);
    }

    /** A 415 failure with {@code message} and the failure behind it. */
    public UnsupportedMediaTypeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 415;
    }
}
