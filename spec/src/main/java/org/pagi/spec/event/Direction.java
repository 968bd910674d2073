package org.pagi.spec.event;

/** Which way an event travels: from the server to the application, or from the application to the server. */
public enum Direction {
    /** Server to application, through {@code receive}. */
    RECEIVE,
    /** Application to server, through {@code send}. */
    SEND
}
