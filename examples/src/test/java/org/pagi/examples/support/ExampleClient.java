package org.pagi.examples.support;

/**
 * The transport an example's checks run over: one application served, requests in, whole responses out. The
 * in-process implementation is {@link InProcessClient}; {@link LiveServerClient} serves the application on a real
 * server and reaches it over a socket, so the same checks run against both.
 *
 * <p>An implementation runs the application's lifespan as a server does: startup before the first request,
 * shutdown in {@link #close()}. Implementations are used from one test thread.
 */
public interface ExampleClient extends AutoCloseable {

    /**
     * Sends {@code request} and reads the whole response, trailers included.
     *
     * @return what the client received; body chunks as the transport delimits them (one per
     *         {@code http.response.body} event in process; one per chunk of the chunked framing on a wire)
     */
    ExampleResponse send(ExampleRequest request);

    /** Ends the session: lifespan shutdown, and whatever the transport holds open. */
    @Override
    void close();
}
