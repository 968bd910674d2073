package org.pagi.wrappers.context;

/** Where a failure that {@link Context#onError} handlers see came from. */
public enum ErrorSource {
    /** Reading the next event failed; {@link Context#run()} ends with {@link RunEnd#ERROR}. */
    RECEIVE,
    /** An event handler threw or its stage failed; the loop goes on with the next handler and event. */
    HANDLER
}
