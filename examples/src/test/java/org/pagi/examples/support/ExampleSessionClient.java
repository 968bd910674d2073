package org.pagi.examples.support;

/**
 * The transport of checks for exchanges that stay open: WebSocket sessions and SSE streams. It is the
 * counterpart of {@link ExampleClient} for examples whose client does more than send one request and read one
 * response. The in-process implementation is {@link InProcessClient}; a live implementation over a socket can be
 * added by implementing the same three methods, and every check written against this interface then runs on it
 * unchanged.
 *
 * <p>An implementation runs the application's lifespan as a server does: startup before the first session,
 * shutdown in {@link #close()}. Implementations are used from one test thread.
 */
public interface ExampleSessionClient extends AutoCloseable {

    /**
     * Opens a WebSocket to {@code path} (a query string may follow), offering {@code subprotocols} in order of
     * preference, and waits for the handshake.
     *
     * @return the open WebSocket
     * @throws RuntimeException if the application refused the handshake or did not answer in time
     */
    ExampleWebSocket websocket(String path, String... subprotocols);

    /**
     * Sends {@code request} as an SSE request: it carries {@code accept: text/event-stream}, which makes a server
     * give it an {@code sse} scope, plus the request's own headers and body. Waits for the stream to start.
     *
     * @return the open stream
     * @throws RuntimeException if the application did not start the stream in time
     */
    ExampleSseStream sse(ExampleRequest request);

    /** Ends the session: lifespan shutdown, and whatever the transport holds open. */
    @Override
    void close();
}
