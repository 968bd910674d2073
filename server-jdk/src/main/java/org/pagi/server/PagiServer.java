package org.pagi.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.ExchangeSettings;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.protocol.exchange.HttpDate;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.server.run.AccessLog;
import org.pagi.server.run.AppInvoker;
import org.pagi.server.run.LifespanRunner;
import org.pagi.server.run.ProxyHeaders;
import org.pagi.server.run.TrustedProxies;
import org.pagi.server.transport.ConnectionSlots;
import org.pagi.server.transport.NioConnection;
import org.pagi.server.transport.NioTransport;
import org.pagi.server.transport.SelectorLoop;
import org.pagi.server.tls.TlsContext;
import org.pagi.server.tls.TlsSession;
import org.pagi.server.tls.TlsSetupException;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.State;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.InboundQueue;

/**
 * A running PAGI server: lifespan startup, then the listening socket and the selector loops, until
 * {@link #close()} stops it gracefully.
 *
 * <pre>{@code
 * try (PagiServer server = PagiServer.start(app, ServerConfig.builder().port(0).build())) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 *
 * <p>With {@link ServerConfig.Builder#tls TLS settings} every connection is TLS (HTTPS, WSS): the certificate
 * and key are read and checked before lifespan startup, and a scope of a TLS connection has the scheme
 * {@code https} or {@code wss} and the {@code tls} extension ({@link org.pagi.spec.TlsInfo}), plus
 * {@link #TLS_SERVER_NAME} when the client asked for a host name (SNI).
 *
 * <p>Thread-safe.
 */
public final class PagiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PagiServer.class.getName());
    /** How long the application may take to answer {@code lifespan.startup} or {@code lifespan.shutdown}. */
    static final Duration LIFESPAN_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A server extension on TLS scopes: the host name the client asked for (SNI, RFC 6066 section 3) as a
     * {@code String}, present only when it sent one. The {@code tls} extension's record has no field for it.
     */
    public static final String TLS_SERVER_NAME = "tls.server_name";

    private final ServerConfig config;
    private final NioTransport transport;
    private final LifespanRunner lifespan;
    private final Optional<TlsContext> tls;
    private final Set<NioConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionSlots slots;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object closeLock = new Object();
    private SocketAddress bound;
    private boolean closed;

    private PagiServer(ServerConfig config, NioTransport transport, LifespanRunner lifespan, Optional<TlsContext> tls) {
        this.config = config;
        this.transport = transport;
        this.lifespan = lifespan;
        this.tls = tls;
        this.slots = new ConnectionSlots(config.maxConnections());
    }

    /**
     * Runs lifespan startup, binds and starts serving.
     *
     * @throws LifespanStartupException when the lifespan prevents the start
     * @throws TlsSetupException        when the TLS files cannot be used (before the application hears of it)
     * @throws IOException              when the address cannot be bound
     */
    public static PagiServer start(Application app, ServerConfig config) throws IOException {
        Optional<TlsContext> tls = config.tls().isPresent() ? Optional.of(TlsContext.create(config.tls().get()))
                : Optional.empty();
        State state = new State();
        LifespanRunner lifespan = config.lifespan() == LifespanMode.OFF ? null : new LifespanRunner(app, state);
        if (lifespan != null) {
            switch (lifespan.startup(LIFESPAN_TIMEOUT)) {
                case LifespanRunner.Startup.Complete c -> {
                    // the application is ready
                }
                case LifespanRunner.Startup.Failed f -> throw new LifespanStartupException(f.message());
                case LifespanRunner.Startup.Declined d -> {
                    if (config.lifespan() == LifespanMode.ON) {
                        throw new LifespanStartupException("--lifespan on, but the application declined lifespan: "
                                + d.cause());
                    }
                    LOG.log(System.Logger.Level.INFO, "the application does not support lifespan (" + d.cause()
                            + "); serving without it");
                }
            }
        }
        NioTransport transport = new NioTransport(config.loops(), "pagi-loop");
        PagiServer server = new PagiServer(config, transport, lifespan, tls);
        server.serve(app, state);
        return server;
    }

    private void serve(Application app, State state) throws IOException {
        AppInvoker invoker = new AppInvoker(app, config.executionMode(), virtualThreads);
        ExchangeSettings settings = new ExchangeSettings(config.limits(),
                Extensions.none().with(Extensions.FULLFLUSH), config.serverHeader(), state,
                config.writeHighWater(), config.writeLowWater(), ExchangeSettings.DEFAULT_DRAIN_LIMIT,
                System::currentTimeMillis, new HttpDate(), config.websocket());
        TrustedProxies trusted = TrustedProxies.parse(config.forwardedAllowIps());
        Optional<AccessLog> accessLog = config.accessLog() ? Optional.of(AccessLog.toStdout(config.accessLogFormat()))
                : Optional.empty();
        NioConnection.Timeouts timeouts = new NioConnection.Timeouts(config.keepAliveTimeout(),
                config.headerTimeout(), config.bodyTimeout(), config.minBodyRate(), config.minBodyRateGrace(),
                config.writeTimeout());
        NioConnection.Host host = new NioConnection.Host() {
            @Override
            public void startApplication(NioConnection c, RequestScope scope, InboundQueue inbound, Exchange ex) {
                invoker.invoke(c, scope, inbound, ex);
            }

            @Override
            public void completed(Exchange ex) {
                accessLog.ifPresent(log -> log.log(ex));
            }

            @Override
            public void closed(NioConnection c) {
                slots.release(); // first: once openConnections() has dropped, the slot is free
                connections.remove(c);
            }

            @Override
            public NioConnection.Timeouts timeouts() {
                return timeouts;
            }
        };
        SocketAddress address = config.unixSocket().<SocketAddress>map(UnixDomainSocketAddress::of)
                .orElseGet(() -> new InetSocketAddress(config.host(), config.port()));
        warnIfFileLimitIsLow();
        Optional<java.util.function.Supplier<byte[]>> refusal = tls.isPresent() ? Optional.empty()
                : Optional.of(() -> serviceUnavailable(settings.date().at(System.currentTimeMillis())));
        bound = transport.start(address, config.backlog(), slots, refusal, (channel, loop) -> accept(channel, loop,
                settings, host, trusted));
    }

    /** The answer to a connection beyond {@code maxConnections}; a client may try again shortly. */
    private byte[] serviceUnavailable(String date) {
        byte[] body = "503 Service Unavailable: the server is at its limit of open connections; retry later\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Headers.Builder h = Headers.builder()
                .add("content-type", "text/plain; charset=utf-8")
                .add("content-length", Integer.toString(body.length))
                .add("retry-after", "1")
                .add("connection", "close")
                .add("date", date);
        if (!config.serverHeader().isEmpty()) {
            h.add("server", config.serverHeader());
        }
        byte[] head = Http1Writer.responseHead(503, h.build());
        byte[] out = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** Running out of file descriptors below the connection limit means failed accepts instead of 503s. */
    private void warnIfFileLimitIsLow() {
        long needed = (long) config.maxConnections() + ConnectionSlots.REFUSALS_IN_PROGRESS + 64;
        if (config.maxConnections() > 0 && java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix
                && unix.getMaxFileDescriptorCount() < needed) {
            LOG.log(System.Logger.Level.WARNING, "the open-file limit (" + unix.getMaxFileDescriptorCount()
                    + ") is below maxConnections (" + config.maxConnections() + ") plus "
                    + (needed - config.maxConnections()) + " for refusals and the JVM: raise it (ulimit -n) or lower "
                    + "--max-connections, or accepts will fail before the limit answers 503");
        }
    }

    private void accept(SocketChannel channel, SelectorLoop loop, ExchangeSettings settings, NioConnection.Host host,
            TrustedProxies trusted) {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            SocketAddress local = channel.getLocalAddress();
            ConnectionInfo info = new ConnectionInfo(tls.isPresent(), endpoint(remote), endpoint(local),
                    config.rootPath());
            UnaryOperator<RequestInfo> rewriter = UnaryOperator.identity();
            if (config.proxyHeaders() && remote instanceof InetSocketAddress inet) {
                InetAddress peer = inet.getAddress();
                rewriter = r -> ProxyHeaders.apply(r, peer, trusted);
            }
            UnaryOperator<RequestInfo> finalRewriter = rewriter;
            NioConnection c = NioConnection.open(channel, loop, host,
                    nio -> new Http1Connection(nio.tlsSession().map(t -> withTls(settings, t)).orElse(settings), info,
                            nio, finalRewriter, config.maxRequestsPerConnection()),
                    tls.map(t -> new NioConnection.Security(t.newSession(), virtualThreads)));
            connections.add(c);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not set up an accepted connection; closed it", e);
            slots.release();
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failed
            }
        }
    }

    /** @return the shared settings with this connection's TLS facts among the extensions its scopes advertise */
    private static ExchangeSettings withTls(ExchangeSettings s, TlsSession session) {
        Extensions extensions = s.extensions().with(Extensions.TLS, session.info());
        if (session.serverName().isPresent()) {
            extensions = extensions.with(TLS_SERVER_NAME, session.serverName().get());
        }
        return new ExchangeSettings(s.limits(), extensions, s.serverHeader(), s.lifespanState(), s.inboundHighWater(),
                s.inboundLowWater(), s.drainLimit(), s.clock(), s.date(), s.websocket());
    }

    private static Optional<Endpoint> endpoint(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return Optional.of(Endpoint.of(inet.getAddress().getHostAddress(), inet.getPort()));
        }
        if (address instanceof UnixDomainSocketAddress unix && !unix.getPath().toString().isEmpty()) {
            return Optional.of(Endpoint.unixSocket(unix.getPath().toString()));
        }
        return Optional.empty();
    }

    /** @return the bound address (an ephemeral port resolved) */
    public SocketAddress localAddress() {
        return bound;
    }

    /** @return the bound TCP port, or -1 for a Unix-domain socket */
    public int port() {
        return bound instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** @return the settings the server runs with */
    public ServerConfig config() {
        return config;
    }

    /** @return how many connections are open (refused ones, beyond {@code maxConnections}, never count) */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops gracefully: no new connections; idle ones close; in-flight requests get {@code shutdownGrace} to
     * finish; then whatever is left is told {@code server_shutdown} and closed; then lifespan shutdown runs.
     * Idempotent; returns when done.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        transport.stopAccepting();
        for (NioConnection c : connections) {
            c.later(() -> c.http().shutdown());
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        for (NioConnection c : connections) {
            c.later(() -> c.http().abandon(DisconnectReason.SERVER_SHUTDOWN));
        }
        long hard = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!connections.isEmpty() && System.nanoTime() < hard) {
            sleep(10);
        }
        if (lifespan != null) {
            lifespan.shutdown(LIFESPAN_TIMEOUT);
        }
        try {
            transport.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        virtualThreads.shutdown();
        config.unixSocket().ifPresent(p -> p.toFile().delete());
        terminated.countDown();
    }

    /** Waits until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
