package org.pagi.testing.wire;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.pagi.protocol.exchange.ExchangeSettings;
import org.pagi.protocol.exchange.HttpDate;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.State;
import org.pagi.spec.server.ConnectionInfo;

/**
 * The test client's wire mode: raw HTTP/1.1 bytes through the server's production codec and connection state
 * machine ({@code org.pagi.protocol}), with no socket. For tests that care about exact bytes: framing, error
 * responses, pipelining, and WebSocket and SSE sessions read with the production codecs
 * ({@link WireConnection#websocket}, {@link WireConnection#sse}).
 *
 * <pre>{@code
 * try (WireClient wire = WireClient.of(app); WireConnection c = wire.connect()) {
 *     WireResponse r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
 * }
 * }</pre>
 *
 * <p>Thread-safe; each connection is used by one test thread.
 */
public final class WireClient implements AutoCloseable {
    private final Application app;
    private final Duration timeout;
    private final ExchangeSettings settings;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pagi-wire-loop");
        t.setDaemon(true);
        return t;
    });

    private WireClient(Application app, Duration timeout, Http1Limits limits) {
        this.app = Objects.requireNonNull(app, "app");
        this.timeout = timeout;
        this.settings = new ExchangeSettings(limits, Extensions.none().with(Extensions.FULLFLUSH), "pagi-jdk",
                new State(), 64 * 1024, 16 * 1024, ExchangeSettings.DEFAULT_DRAIN_LIMIT, System::currentTimeMillis,
                new HttpDate());
    }

    /** @return a wire client with the server's default limits and a 5 s timeout */
    public static WireClient of(Application app) {
        return new WireClient(app, Duration.ofSeconds(5), Http1Limits.defaults());
    }

    /** @return a wire client with these limits and timeout */
    public static WireClient of(Application app, Http1Limits limits, Duration timeout) {
        return new WireClient(app, timeout, limits);
    }

    /** @return a new connection, as if a client had just connected */
    public WireConnection connect() {
        return new WireConnection(this, loop);
    }

    Application app() {
        return app;
    }

    Duration timeout() {
        return timeout;
    }

    ExchangeSettings settings() {
        return settings;
    }

    ConnectionInfo connectionInfo() {
        return new ConnectionInfo(false, Optional.of(Endpoint.of("127.0.0.1", 50000)),
                Optional.of(Endpoint.of("127.0.0.1", 80)), "");
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
