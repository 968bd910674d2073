package org.pagi.examples.support;

/**
 * The transport of checks for exchanges that stay open: WebSocket sessions and SSE streams. It is the
 * counterpart of {@link ExampleClient} for examples whose client does more than send one request and read one
 * response. The in-process implementation is {@link InProcessClient}; {@link LiveServerClient} serves the
 * application on a real server and reaches it over a socket, with the JDK's WebSocket and HTTP clients, so every
 * check written against this interface runs on both unchanged.
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
     * @throws RuntimeException if the application refused the handshake (in process the test client's
     *         {@code WebSocketDeniedException}; over a socket an {@code AssertionError} naming the status)
     * @throws org.pagi.testing.PagiTestTimeoutException if it did not answer in time
     */
    ExampleWebSocket websocket(String path, String... subprotocols);

    /**
     * Sends {@code request} as an SSE request: it carries {@code accept: text/event-stream}, which makes a server
     * give it an {@code sse} scope, plus the request's own headers and body. Waits for the stream to start.
     *
     * @return the open stream
     * @throws org.pagi.testing.PagiTestTimeoutException if the application did not start the stream in time
     */
    ExampleSseStream sse(ExampleRequest request);

    /** Ends the session: lifespan shutdown, and whatever the transport holds open. */
    @Override
    void close();
}
