package org.pagi.wrappers.context;

/** Why {@link Context#run()} ended. */
public enum RunEnd {
    /**
     * The protocol's disconnect arrived ({@code http.disconnect}, {@code websocket.disconnect} or
     * {@code sse.disconnect}) and its handlers ran.
     */
    DISCONNECT,
    /** {@link Context#stop()} was called. */
    STOP,
    /** Reading {@code receive} failed; the error handlers saw the failure with {@link ErrorSource#RECEIVE}. */
    ERROR
}
