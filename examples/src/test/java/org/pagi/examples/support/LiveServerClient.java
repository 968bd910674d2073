package org.pagi.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
 * boundaries and trailers. Every wait is bounded (a few seconds), so a stuck application fails the test.
 *
 * <p>Used from one test thread.
 */
public final class LiveServerClient implements ExampleClient {
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

    private LiveServerClient(PagiServer server, ExampleClient wire) {
        this.server = server;
        this.wire = wire;
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

    /** Closes the client's connections, then stops the server: graceful stop, then lifespan shutdown. */
    @Override
    public void close() {
        try {
            wire.close();
        } finally {
            server.close();
        }
    }
}
