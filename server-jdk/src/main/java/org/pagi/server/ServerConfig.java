package org.pagi.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.protocol.exchange.WebSocketSettings;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.server.tls.TlsSettings;

/**
 * Everything a {@link PagiServer} can be told, with a documented default for each; built with
 * {@link #builder()}, which rejects a bad value with a message naming the option.
 *
 * <p>The file is over 400 lines on purpose: each setting is a record component, a builder field with its default,
 * a builder method and a check, and the table below documents them in one place; grouping settings into nested
 * records would make every caller's builder two levels deep for no behaviour gained.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>why</th></tr>
 *   <tr><td>host</td><td>127.0.0.1</td><td>loopback only until told otherwise: safe by default</td></tr>
 *   <tr><td>port</td><td>5000</td><td>the upstream PAGI default; 0 picks a free port</td></tr>
 *   <tr><td>unixSocket</td><td>none</td><td>bind a Unix-domain socket instead of TCP</td></tr>
 *   <tr><td>backlog</td><td>2048</td><td>the upstream PAGI default; the kernel caps it at somaxconn</td></tr>
 *   <tr><td>loops</td><td>available processors</td><td>one selector thread per core</td></tr>
 *   <tr><td>executionMode</td><td>VIRTUAL_THREADS</td><td>see {@link ExecutionMode}</td></tr>
 *   <tr><td>keepAliveTimeout</td><td>5 s</td><td>idle time between requests (uvicorn's default)</td></tr>
 *   <tr><td>headerTimeout</td><td>10 s</td><td>time to receive a request head once it started</td></tr>
 *   <tr><td>bodyTimeout</td><td>30 s</td><td>longest pause while reading a request body</td></tr>
 *   <tr><td>minBodyRate</td><td>1024 bytes/s</td><td>least average request-body rate, counted only while the
 *       server waits for the body; 0 is off. 1 KiB/s is a hundredth of a poor mobile link, so no real client
 *       falls below it, while a client that trickles a body (slow POST) is cut long before bodyTimeout's
 *       silence limit would notice it</td></tr>
 *   <tr><td>minBodyRateGrace</td><td>5 s</td><td>waiting time before the rate is judged: a connection's
 *       first seconds (TCP slow start, a client preparing the body) are not the client's steady rate, and a
 *       body under 5 KiB is never judged at all</td></tr>
 *   <tr><td>writeTimeout</td><td>30 s</td><td>longest time output may wait with the socket taking no byte: a
 *       client that stopped reading is dropped (write_timeout), as slow as the body timeout is for
 *       reading</td></tr>
 *   <tr><td>shutdownGrace</td><td>10 s</td><td>how long in-flight requests may finish on stop</td></tr>
 *   <tr><td>limits</td><td>{@link Http1Limits#defaults()}</td><td>request line, headers, body</td></tr>
 *   <tr><td>writeHighWater / writeLowWater</td><td>64 KiB / 16 KiB</td><td>outbound backpressure marks</td></tr>
 *   <tr><td>lifespan</td><td>AUTO</td><td>see {@link LifespanMode}</td></tr>
 *   <tr><td>accessLog / accessLogFormat</td><td>on / "common"</td><td>see the server README</td></tr>
 *   <tr><td>proxyHeaders / forwardedAllowIps</td><td>off / 127.0.0.1, ::1</td><td>trust X-Forwarded-* only from these</td></tr>
 *   <tr><td>rootPath</td><td>""</td><td>the scopes' {@code root_path}</td></tr>
 *   <tr><td>serverHeader</td><td>"pagi-jdk"</td><td>empty to send none</td></tr>
 *   <tr><td>websocket</td><td>{@link WebSocketSettings#defaults()}</td><td>message limit 16 MiB,
 *       permessage-deflate on, close timeout 5 s, no idle timeout</td></tr>
 *   <tr><td>tls</td><td>none (cleartext)</td><td>see {@link TlsSettings}: certificate and key, TLS 1.3 and 1.2,
 *       client certificates</td></tr>
 *   <tr><td>maxConnections</td><td>10,000 (0 = no limit)</td><td>the C10k mark: far above what one loop-per-core
 *       server behind a proxy needs, far below what would exhaust memory (a few KiB per idle connection). Each
 *       connection is a file descriptor: the process's open-file limit ({@code ulimit -n}) must be above it, plus
 *       {@value org.pagi.server.transport.ConnectionSlots#REFUSALS_IN_PROGRESS} for refusals in progress and a few
 *       for the JVM's own files; beyond it a new connection gets a 503 and a close</td></tr>
 *   <tr><td>maxRequestsPerConnection</td><td>1000 (0 = no limit)</td><td>nginx's {@code keepalive_requests}:
 *       a keep-alive connection is recycled now and then, so per-connection state cannot grow for ever and load
 *       spreads again; the 1000th response carries {@code connection: close}</td></tr>
 * </table>
 *
 * @param host              the address to bind
 * @param port              the TCP port; 0 for an ephemeral one
 * @param unixSocket        a Unix-domain socket path to bind instead of TCP
 * @param backlog           the accept queue length
 * @param loops             the number of selector threads
 * @param executionMode     where application code runs
 * @param keepAliveTimeout  how long an idle keep-alive connection stays open
 * @param headerTimeout     how long a started request head may take
 * @param bodyTimeout       the longest silence while a request body is read
 * @param shutdownGrace     how long in-flight requests may run after a stop
 * @param limits            the HTTP/1.1 parser limits
 * @param writeHighWater    outbound bytes at which {@code send} waits
 * @param writeLowWater     outbound bytes below which waiting sends resume
 * @param lifespan          the lifespan mode
 * @param accessLog         whether to write an access log line per request
 * @param accessLogFormat   a preset name ({@code common}, {@code combined}, {@code compact}) or a custom format
 * @param proxyHeaders      whether to read client address and scheme from proxy headers
 * @param forwardedAllowIps the peers (IPs or CIDR ranges) whose proxy headers are trusted
 * @param rootPath          the scopes' {@code root_path}
 * @param serverHeader      the {@code server} header value; empty for none
 * @param websocket         the WebSocket limits, compression and timeouts
 * @param tls               TLS settings; empty for cleartext
 * @param maxConnections    open connections at most; beyond, new ones are refused (503 and close); 0 for no limit
 * @param maxRequestsPerConnection requests served on one connection at most; the last response closes it; 0 for
 *                          no limit
 * @param minBodyRate       the least average request-body rate, bytes per second; 0 is off
 * @param minBodyRateGrace  how long the server waits for a body before judging its rate
 * @param writeTimeout      how long queued output may wait without the socket taking a byte
 */
public record ServerConfig(
        String host,
        int port,
        Optional<Path> unixSocket,
        int backlog,
        int loops,
        ExecutionMode executionMode,
        Duration keepAliveTimeout,
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration shutdownGrace,
        Http1Limits limits,
        int writeHighWater,
        int writeLowWater,
        LifespanMode lifespan,
        boolean accessLog,
        String accessLogFormat,
        boolean proxyHeaders,
        List<String> forwardedAllowIps,
        String rootPath,
        String serverHeader,
        WebSocketSettings websocket,
        Optional<TlsSettings> tls,
        int maxConnections,
        int maxRequestsPerConnection,
        long minBodyRate,
        Duration minBodyRateGrace,
        Duration writeTimeout) {

    /** Checks every setting, naming the bad one. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(unixSocket, "unixSocket");
        Objects.requireNonNull(executionMode, "executionMode");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(lifespan, "lifespan");
        Objects.requireNonNull(accessLogFormat, "accessLogFormat");
        Objects.requireNonNull(rootPath, "rootPath");
        Objects.requireNonNull(serverHeader, "serverHeader");
        Objects.requireNonNull(websocket, "websocket");
        Objects.requireNonNull(tls, "tls");
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be 1 or more, got " + backlog);
        }
        if (loops < 1 || loops > 1024) {
            throw new IllegalArgumentException("loops must be 1-1024, got " + loops);
        }
        positive("keepAliveTimeout", keepAliveTimeout);
        positive("headerTimeout", headerTimeout);
        positive("bodyTimeout", bodyTimeout);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be 0 or more, got " + shutdownGrace);
        }
        if (writeHighWater < 1) {
            throw new IllegalArgumentException("writeHighWater must be 1 or more, got " + writeHighWater);
        }
        if (writeLowWater < 0 || writeLowWater > writeHighWater) {
            throw new IllegalArgumentException("writeLowWater must be 0 to writeHighWater (" + writeHighWater + "), got "
                    + writeLowWater);
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must be 0 (no limit) or more, got " + maxConnections);
        }
        if (maxRequestsPerConnection < 0) {
            throw new IllegalArgumentException("maxRequestsPerConnection must be 0 (no limit) or more, got "
                    + maxRequestsPerConnection);
        }
        if (!rootPath.isEmpty() && (!rootPath.startsWith("/") || rootPath.endsWith("/"))) {
            throw new IllegalArgumentException("rootPath must be empty or start with / and not end with /, got '"
                    + rootPath + "'");
        }
        if (serverHeader.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            throw new IllegalArgumentException("serverHeader must be printable ASCII");
        }
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("minBodyRate must be 0 (off) or more bytes per second, got "
                    + minBodyRate);
        }
        positive("minBodyRateGrace", minBodyRateGrace);
        positive("writeTimeout", writeTimeout);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5000;
        private Optional<Path> unixSocket = Optional.empty();
        private int backlog = 2048;
        private int loops = Runtime.getRuntime().availableProcessors();
        private ExecutionMode executionMode = ExecutionMode.VIRTUAL_THREADS;
        private Duration keepAliveTimeout = Duration.ofSeconds(5);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Http1Limits limits = Http1Limits.defaults();
        private int writeHighWater = 64 * 1024;
        private int writeLowWater = 16 * 1024;
        private LifespanMode lifespan = LifespanMode.AUTO;
        private boolean accessLog = true;
        private String accessLogFormat = "common";
        private boolean proxyHeaders;
        private List<String> forwardedAllowIps = List.of("127.0.0.1", "::1");
        private String rootPath = "";
        private String serverHeader = "pagi-jdk";
        private WebSocketSettings websocket = WebSocketSettings.defaults();
        private Optional<TlsSettings> tls = Optional.empty();
        private int maxConnections = 10_000;
        private int maxRequestsPerConnection = 1000;
        private long minBodyRate = 1024;
        private Duration minBodyRateGrace = Duration.ofSeconds(5);
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            unixSocket = c.unixSocket;
            backlog = c.backlog;
            loops = c.loops;
            executionMode = c.executionMode;
            keepAliveTimeout = c.keepAliveTimeout;
            headerTimeout = c.headerTimeout;
            bodyTimeout = c.bodyTimeout;
            shutdownGrace = c.shutdownGrace;
            limits = c.limits;
            writeHighWater = c.writeHighWater;
            writeLowWater = c.writeLowWater;
            lifespan = c.lifespan;
            accessLog = c.accessLog;
            accessLogFormat = c.accessLogFormat;
            proxyHeaders = c.proxyHeaders;
            forwardedAllowIps = c.forwardedAllowIps;
            rootPath = c.rootPath;
            serverHeader = c.serverHeader;
            websocket = c.websocket;
            tls = c.tls;
            maxConnections = c.maxConnections;
            maxRequestsPerConnection = c.maxRequestsPerConnection;
            minBodyRate = c.minBodyRate;
            minBodyRateGrace = c.minBodyRateGrace;
            writeTimeout = c.writeTimeout;
        }

        /** The address to bind. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** The TCP port; 0 for an ephemeral one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Binds a Unix-domain socket at {@code path} instead of TCP. */
        public Builder unixSocket(Path path) {
            unixSocket = Optional.of(path);
            return this;
        }

        /** The accept queue length. */
        public Builder backlog(int value) {
            backlog = value;
            return this;
        }

        /** The number of selector threads. */
        public Builder loops(int value) {
            loops = value;
            return this;
        }

        /** Where application code runs. */
        public Builder executionMode(ExecutionMode value) {
            executionMode = value;
            return this;
        }

        /** How long an idle keep-alive connection stays open. */
        public Builder keepAliveTimeout(Duration value) {
            keepAliveTimeout = value;
            return this;
        }

        /** How long a started request head may take to arrive. */
        public Builder headerTimeout(Duration value) {
            headerTimeout = value;
            return this;
        }

        /** The longest silence while a request body is read. */
        public Builder bodyTimeout(Duration value) {
            bodyTimeout = value;
            return this;
        }

        /** How long in-flight requests may run after a stop. */
        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        /** The HTTP/1.1 parser limits. */
        public Builder limits(Http1Limits value) {
            limits = value;
            return this;
        }

        /** The largest request body; 0 for no limit. */
        public Builder maxBodyBytes(long value) {
            limits = limits.withMaxBodyBytes(value);
            return this;
        }

        /** Outbound backpressure marks. */
        public Builder writeWaterMarks(int high, int low) {
            writeHighWater = high;
            writeLowWater = low;
            return this;
        }

        /** The lifespan mode. */
        public Builder lifespan(LifespanMode value) {
            lifespan = value;
            return this;
        }

        /** Whether to log each request. */
        public Builder accessLog(boolean value) {
            accessLog = value;
            return this;
        }

        /** A preset ({@code common}, {@code combined}, {@code compact}) or a custom format. */
        public Builder accessLogFormat(String value) {
            accessLogFormat = value;
            return this;
        }

        /** Whether to trust proxy headers from {@link #forwardedAllowIps}. */
        public Builder proxyHeaders(boolean value) {
            proxyHeaders = value;
            return this;
        }

        /** The peers (IPs or CIDR ranges) whose proxy headers are trusted. */
        public Builder forwardedAllowIps(List<String> value) {
            forwardedAllowIps = value;
            return this;
        }

        /** The scopes' {@code root_path}. */
        public Builder rootPath(String value) {
            rootPath = value;
            return this;
        }

        /** The {@code server} header value; empty for none. */
        public Builder serverHeader(String value) {
            serverHeader = value;
            return this;
        }

        /** The WebSocket limits, compression and timeouts. */
        public Builder websocket(WebSocketSettings value) {
            websocket = value;
            return this;
        }

        /** Serves TLS with {@code value} (HTTPS, WSS). */
        public Builder tls(TlsSettings value) {
            tls = Optional.of(value);
            return this;
        }

        /** Open connections at most; beyond, new ones are refused (503 and close); 0 for no limit. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Requests served on one keep-alive connection at most; 0 for no limit. */
        public Builder maxRequestsPerConnection(int value) {
            maxRequestsPerConnection = value;
            return this;
        }

        /** The least average request-body rate in bytes per second, judged after the grace; 0 is off. */
        public Builder minBodyRate(long value) {
            minBodyRate = value;
            return this;
        }

        /** How long the server waits for a request body before judging its rate. */
        public Builder minBodyRateGrace(Duration value) {
            minBodyRateGrace = value;
            return this;
        }

        /** How long queued output may wait without the socket taking a byte before the client is dropped. */
        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        /** @return the checked settings */
        public ServerConfig build() {
            return new ServerConfig(host, port, unixSocket, backlog, loops, executionMode, keepAliveTimeout,
                    headerTimeout, bodyTimeout, shutdownGrace, limits, writeHighWater, writeLowWater, lifespan,
                    accessLog, accessLogFormat, proxyHeaders, forwardedAllowIps, rootPath, serverHeader, websocket,
                    tls, maxConnections, maxRequestsPerConnection, minBodyRate, minBodyRateGrace,
                    writeTimeout);
        }
    }
}
