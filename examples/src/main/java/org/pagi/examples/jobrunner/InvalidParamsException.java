package org.pagi.examples.jobrunner;

/** A job request the queue refuses; the message is what the client is told (a 400, or an {@code error} message). */
final class InvalidParamsException extends RuntimeException {
    InvalidParamsException(String message) {
        super(message, null, false, false);
    }
}
