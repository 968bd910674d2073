package org.pagi.wrappers.context;

/**
 * Sees the failures of {@link Context#run()}: a failed receive ({@link ErrorSource#RECEIVE}) or a failed event
 * handler ({@link ErrorSource#HANDLER}). It runs on the dispatching thread and should return quickly; what it
 * throws is logged and does not stop the others.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * @param error  the failure, unwrapped from {@link java.util.concurrent.CompletionException}
     * @param source where it came from
     */
    void handle(Throwable error, ErrorSource source);
}
