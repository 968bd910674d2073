package org.pagi.spec.order;

/** How a scope stood when the application's stage completed: what the server still owes the client. */
public enum Ending {
    /** Everything owed was sent. */
    COMPLETE,
    /**
     * Nothing was started: no response start, accept, stream start or lifespan startup reply. HTTP, WebSocket and
     * SSE get the server's 500 backstop; for lifespan this means the application declined it.
     */
    NOT_STARTED,
    /**
     * Started but not finished: an HTTP body still open (the server aborts the connection), a WebSocket still
     * open (the server closes it with 1000), a denial response unfinished, or a lifespan that never shut down.
     */
    UNFINISHED,
    /** The client went away first: nothing is owed, and nothing is logged as an error. */
    DISCONNECTED
}
