package org.pagi.wrappers.json;

/** A value Jackson cannot write as JSON; the message names its type. */
public final class JsonEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A value Jackson could not write, with Jackson's exception as the cause. */
    public JsonEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
