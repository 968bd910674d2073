package org.pagi.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;

/**
 * {@link ExampleClient} over a real socket: the application runs on a {@link PagiServer} bound to an ephemeral
 * loopback port, and requests travel as bytes through the kernel. The server runs the lifespan itself, startup in
 * {@link #start} and shutdown in {@link #close()}, so an example sees exactly what {@code bin/pagi-server} gives it.
 *
 * <p>Two clients can carry the requests ({@link Wire}): the JDK's {@code java.net.http.HttpClient}, an
 * independent implementation of HTTP/1.1, or a raw socket read with the kit's own parser, which alone sees chunk
 * boundaries and trailers. WebSocket sessions and SSE streams ({@link ExampleSessionClient}) always go through the
 * JDK's clients, whatever the wire: {@code java.net.http.WebSocket} ({@link JdkWebSocket}), and the
 * {@code HttpClient} with the body read by the kit's {@code SseDecoder} ({@link JdkSseStream}). Every wait is
 * bounded (a few seconds), so a stuck application fails the test.
 *
 * <p>Used from one test thread.
 */
public final class LiveServerClient implements ExampleClient, ExampleSessionClient {
    /** How long a graceful stop waits for requests still running; short, as tests leave none behind on purpose. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    /** Which client talks to the server. */
    public enum Wire {
        /**
         * {@code java.net.http.HttpClient} (HTTP/1.1, keep-alive): status, headers and the whole body, delivered
         * as one piece, since it hides chunk boundaries; it never exposes trailers, so they always read empty.
         */
        JDK_HTTP_CLIENT,
        /**
         * A {@code Socket} per request, written with {@code Http1Writer} and read with {@code Http1Parser} in the
         * client role: one body piece per chunk of the chunked framing, and the trailers.
         */
        RAW_SOCKET
    }

    private final PagiServer server;
    private final ExampleClient wire;
    /** Opens the WebSockets; made on first use, as every client starts a thread of its own. */
    private HttpClient websocketClient;
    /** Sessions still open when the client closes: they drop before the server stops, as a leaving client's do. */
    private final List<Runnable> sessions = new ArrayList<>();

    private LiveServerClient(PagiServer server, ExampleClient wire) {
        this.server = server;
        this.wire = wire;
    }

    /**
     * @return a client serving {@code app} in {@code mode}, for WebSocket sessions and SSE streams (requests, if
     *         any, go through the JDK's HTTP client), lifespan started
     */
    public static LiveServerClient start(Application app, ExecutionMode mode) {
        return start(app, Wire.JDK_HTTP_CLIENT, mode);
    }

    /** @return a client serving {@code app} in the server's default execution mode, lifespan started */
    public static LiveServerClient start(Application app, Wire wire) {
        return start(app, wire, ServerConfig.builder().build().executionMode());
    }

    /**
     * @param app  the application to serve
     * @param wire the client that carries the requests
     * @param mode where the server runs application code
     * @return a client serving {@code app} on a fresh server, lifespan started
     */
    public static LiveServerClient start(Application app, Wire wire, ExecutionMode mode) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false).executionMode(mode)
                .shutdownGrace(SHUTDOWN_GRACE).build();
        PagiServer server;
        try {
            server = PagiServer.start(app, config);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server", e);
        }
        ExampleClient client = switch (wire) {
            case JDK_HTTP_CLIENT -> new JdkHttpClientWire(server.port());
            case RAW_SOCKET -> new RawSocketWire(server.port());
        };
        return new LiveServerClient(server, client);
    }

    /** @return the running server, for checks on the server itself */
    public PagiServer server() {
        return server;
    }

    @Override
    public ExampleResponse send(ExampleRequest request) {
        return wire.send(request);
    }

    @Override
    public ExampleWebSocket websocket(String path, String... subprotocols) {
        if (websocketClient == null) {
            websocketClient = HttpClient.newBuilder().connectTimeout(JdkHttpClientWire.TIMEOUT).build();
        }
        JdkWebSocket ws = JdkWebSocket.open(websocketClient, URI.create("ws://127.0.0.1:" + server.port() + path),
                List.of(subprotocols));
        sessions.add(ws::disconnect);
        return ws;
    }

    @Override
    public ExampleSseStream sse(ExampleRequest request) {
        JdkSseStream stream = JdkSseStream.open("http://127.0.0.1:" + server.port(), request);
        sessions.add(stream::close);
        return stream;
    }

    /**
     * Closes the client's connections, WebSockets and streams left open included (dropped, which does nothing to
     * those already closed), then stops the server: graceful stop, then lifespan shutdown.
     */
    @Override
    public void close() {
        try {
            sessions.forEach(Runnable::run);
            if (websocketClient != null) {
                websocketClient.shutdownNow();
            }
            wire.close();
        } finally {
            server.close();
        }
    }
}
