package org.pagi.wrappers.http;

/**
 * A failure caused by what the client sent, carrying the status to answer it with (400, 413, 415, ...). The
 * routers answer a handler that fails with one, before its response started, with that status and the message as
 * plain text, instead of the server's 500. Implemented by the request and parser exceptions of the wrappers; an
 * application may implement it on its own exceptions.
 */
public interface ClientError {

    /** @return the HTTP status, 400 to 499 */
    int status();

    /** @return what was wrong, safe to show the client (names no server internals) */
    String getMessage();
}
