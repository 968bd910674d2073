package org.pagi.wrappers.request;

import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.response.Response;

/**
 * A request the handler cannot use, with the HTTP status that says why: 400 (malformed), 413 (over a
 * {@link BodyLimits} limit) or 415 (a content type or charset the method does not read).
 */
public abstract sealed class RequestException extends RuntimeException implements ClientError
        permits BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException {
    private static final long serialVersionUID = 1L;

    RequestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the response status this failure maps to */
    @Override
    public abstract int status();

    /** This failure as a plain-text response with its status and message (the message names no server internals). */
    public Response toResponse() {
        return Response.text(getMessage()).withStatus(status());
    }
}
