package org.pagi.server.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.pagi.protocol.exchange.WebSocketSettings;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.server.ExecutionMode;
import org.pagi.server.LifespanMode;
import org.pagi.server.ServerConfig;
import org.pagi.server.run.AccessLogFormat;
import org.pagi.server.run.TrustedProxies;
import org.pagi.server.tls.TlsSettings;

/**
 * Reads the launcher's command line ({@code pagi-server --app APP [options]}) into a {@link Command}, and writes
 * its {@code --help}. Both come from one table of options, so the help cannot forget an option or show a stale
 * default: the defaults it prints are read from {@link ServerConfig#builder()}.
 *
 * <p>Options take their value as the next argument or after {@code =} ({@code --port 8080},
 * {@code --port=8080}); a repeated option's last value wins. Parsing starts nothing and reads no files: it only
 * checks values, so a bad one fails before anything is loaded or bound. Stateless; thread-safe.
 */
public final class CommandLine {
    /** The launcher's name, as messages and the help show it. */
    public static final String NAME = "pagi-server";

    private CommandLine() {
    }

    /** What the options have said so far. One per parse. */
    private static final class Settings {
        final ServerConfig.Builder builder = ServerConfig.builder();
        final TlsOptions tls;
        Http1Limits limits = Http1Limits.defaults();
        String app;
        boolean quiet;
        boolean reload;

        Settings(Function<String, String> environment) {
            tls = new TlsOptions(environment);
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(Settings s, String option, String value) throws UsageException;
    }

    /**
     * One option.
     *
     * @param names      the spellings that select it; the first is its name in messages
     * @param valueName  what its value is called in the help; empty for a flag
     * @param help       one line of help; empty for a negation, which the help lists next to the option before it
     * @param shown      its default as the help shows it, read from the default settings; empty for none
     * @param setter     applies a value
     */
    private record Option(List<String> names, String valueName, String help, Function<ServerConfig, String> shown,
            Setter setter) {
        boolean flag() {
            return valueName.isEmpty();
        }
    }

    private static Option option(String name, String valueName, String help, Function<ServerConfig, String> shown,
            Setter setter) {
        return new Option(List.of(name), valueName, help, shown, setter);
    }

    private static Option flag(List<String> names, String help, Function<ServerConfig, String> shown, Setter setter) {
        return new Option(names, "", help, shown, setter);
    }

    private static final List<Option> OPTIONS = List.of(
            option("--app", "APP", "the application (see APP above); required", c -> "",
                    (s, o, v) -> s.app = nonEmpty(o, v)),
            flag(List.of("--reload"), "recompile and swap a .java APP when it changes",
                    c -> "off", (s, o, v) -> s.reload = true),
            option("--host", "HOST", "address to bind; 0.0.0.0 or :: for all interfaces", ServerConfig::host,
                    (s, o, v) -> s.builder.host(host(o, v))),
            option("--port", "PORT", "TCP port; 0 picks a free one", c -> String.valueOf(c.port()),
                    (s, o, v) -> s.builder.port(Values.integer(o, v, 0, 65535))),
            option("--unix-socket", "PATH", "listen on a Unix socket, not --host/--port",
                    c -> "none", (s, o, v) -> s.builder.unixSocket(path(o, v))),
            option("--backlog", "N", "accept queue length (capped by somaxconn)",
                    c -> String.valueOf(c.backlog()), (s, o, v) -> s.builder.backlog(Values.integer(o, v, 1,
                            Integer.MAX_VALUE))),
            option("--max-connections", "N", "open connections at most, then 503 (0 = no limit)",
                    c -> String.valueOf(c.maxConnections()), (s, o, v) -> s.builder.maxConnections(Values.integer(o, v,
                            0, Integer.MAX_VALUE))),
            option("--max-requests-per-connection", "N", "requests per keep-alive connection (0 = no limit)",
                    c -> String.valueOf(c.maxRequestsPerConnection()), (s, o, v) -> s.builder
                            .maxRequestsPerConnection(Values.integer(o, v, 0, Integer.MAX_VALUE))),
            option("--loops", "N", "selector threads", c -> c.loops() + ", this machine's processors",
                    (s, o, v) -> s.builder.loops(Values.integer(o, v, 1, 1024))),
            option("--mode", "MODE", "virtual-threads, or event-loop: no blocking",
                    c -> lower(c.executionMode()), (s, o, v) -> s.builder.executionMode(ExecutionMode.valueOf(
                            upper(Values.choice(o, v, "virtual-threads", "event-loop"))))),
            option("--keepalive-timeout", "SECONDS", "idle time allowed between requests",
                    c -> seconds(c.keepAliveTimeout().toMillis()),
                    (s, o, v) -> s.builder.keepAliveTimeout(Values.seconds(o, v, false))),
            option("--header-timeout", "SECONDS", "time a request head may take once it started",
                    c -> seconds(c.headerTimeout().toMillis()),
                    (s, o, v) -> s.builder.headerTimeout(Values.seconds(o, v, false))),
            option("--body-timeout", "SECONDS", "longest pause while a request body is read",
                    c -> seconds(c.bodyTimeout().toMillis()),
                    (s, o, v) -> s.builder.bodyTimeout(Values.seconds(o, v, false))),
            option("--min-body-rate", "BYTES", "least request-body bytes per second, or 408; 0 for off",
                    c -> String.valueOf(c.minBodyRate()),
                    (s, o, v) -> s.builder.minBodyRate(Values.longValue(o, v, 0, Long.MAX_VALUE))),
            option("--min-body-rate-grace", "SECONDS", "time a body may take before its rate is judged",
                    c -> seconds(c.minBodyRateGrace().toMillis()),
                    (s, o, v) -> s.builder.minBodyRateGrace(Values.seconds(o, v, false))),
            option("--write-timeout", "SECONDS", "drop a client that reads no response byte this long",
                    c -> seconds(c.writeTimeout().toMillis()),
                    (s, o, v) -> s.builder.writeTimeout(Values.seconds(o, v, false))),
            option("--shutdown-grace", "SECONDS", "time in-flight requests get to finish on stop",
                    c -> seconds(c.shutdownGrace().toMillis()),
                    (s, o, v) -> s.builder.shutdownGrace(Values.seconds(o, v, true))),
            option("--max-request-line", "BYTES", "longest request line (then 414)",
                    c -> String.valueOf(c.limits().maxRequestLineBytes()), (s, o, v) -> s.limits = new Http1Limits(
                            Values.integer(o, v, 1, Integer.MAX_VALUE), s.limits.maxHeaderBytes(),
                            s.limits.maxHeaderCount(), s.limits.maxBodyBytes(), s.limits.maxChunkLineBytes())),
            option("--max-header-bytes", "BYTES", "largest header section (then 431)",
                    c -> String.valueOf(c.limits().maxHeaderBytes()), (s, o, v) -> s.limits = new Http1Limits(
                            s.limits.maxRequestLineBytes(), Values.integer(o, v, 1, Integer.MAX_VALUE),
                            s.limits.maxHeaderCount(), s.limits.maxBodyBytes(), s.limits.maxChunkLineBytes())),
            option("--max-headers", "N", "most header fields (then 431)",
                    c -> String.valueOf(c.limits().maxHeaderCount()), (s, o, v) -> s.limits = new Http1Limits(
                            s.limits.maxRequestLineBytes(), s.limits.maxHeaderBytes(),
                            Values.integer(o, v, 1, Integer.MAX_VALUE), s.limits.maxBodyBytes(),
                            s.limits.maxChunkLineBytes())),
            option("--max-body-size", "BYTES", "largest request body (then 413); 0 for no limit",
                    c -> String.valueOf(c.limits().maxBodyBytes()), (s, o, v) -> s.limits = s.limits.withMaxBodyBytes(
                            Values.longValue(o, v, 0, Long.MAX_VALUE))),
            option("--lifespan", "MODE", "auto (if the app supports it), on (required) or off",
                    c -> lower(c.lifespan()), (s, o, v) -> s.builder.lifespan(LifespanMode.valueOf(
                            upper(Values.choice(o, v, "auto", "on", "off"))))),
            flag(List.of("--access-log"), "one line per request to standard output",
                    c -> c.accessLog() ? "on" : "off", (s, o, v) -> s.builder.accessLog(true)),
            flag(List.of("--no-access-log"), "", c -> "", (s, o, v) -> s.builder.accessLog(false)),
            option("--access-log-format", "FORMAT", "common, combined, compact or a %-format (README)",
                    ServerConfig::accessLogFormat, (s, o, v) -> s.builder.accessLogFormat(logFormat(o, v))),
            flag(List.of("--proxy-headers"), "believe Forwarded, X-Forwarded-For/-Proto",
                    c -> c.proxyHeaders() ? "on" : "off", (s, o, v) -> s.builder.proxyHeaders(true)),
            flag(List.of("--no-proxy-headers"), "", c -> "", (s, o, v) -> s.builder.proxyHeaders(false)),
            option("--forwarded-allow-ips", "LIST", "peers to believe: IPs, CIDR ranges, or *",
                    c -> String.join(",", c.forwardedAllowIps()),
                    (s, o, v) -> s.builder.forwardedAllowIps(trusted(o, v))),
            option("--root-path", "PATH", "the scopes' root_path (mounted below a prefix)",
                    c -> c.rootPath().isEmpty() ? "empty" : c.rootPath(),
                    (s, o, v) -> s.builder.rootPath(rootPath(o, v))),
            option("--server-header", "TEXT", "the server header; empty for none", ServerConfig::serverHeader,
                    (s, o, v) -> s.builder.serverHeader(serverHeader(o, v))),
            option("--ws-max-message", "BYTES", "largest WebSocket message (then close 1009)",
                    c -> String.valueOf(c.websocket().limits().maxMessageBytes()), (s, o, v) -> s.builder.websocket(
                            withLimit(s, Values.longValue(o, v, 1, Long.MAX_VALUE)))),
            flag(List.of("--ws-deflate"), "permessage-deflate when a WebSocket client offers it",
                    c -> c.websocket().deflate() ? "on" : "off", (s, o, v) -> s.builder.websocket(withDeflate(s, true))),
            flag(List.of("--no-ws-deflate"), "", c -> "", (s, o, v) -> s.builder.websocket(withDeflate(s, false))),
            option("--ws-idle-timeout", "SECONDS", "close a silent WebSocket (1001); 0 for never",
                    c -> seconds(c.websocket().idleTimeout().toMillis()), (s, o, v) -> s.builder.websocket(
                            withIdle(s, Values.seconds(o, v, true)))),
            option("--ssl-cert", "FILE", "TLS on, with this certificate (PEM; may add its chain)", c -> "off",
                    (s, o, v) -> s.tls.certificate(o, path(o, v))),
            option("--ssl-key", "FILE", "its private key (PEM: PKCS#8, PKCS#1 RSA or SEC 1 EC)", c -> "",
                    (s, o, v) -> s.tls.key(o, path(o, v))),
            option("--ssl-chain", "FILE", "intermediate certificates sent after it (PEM)", c -> "",
                    (s, o, v) -> s.tls.chain(o, path(o, v))),
            option("--ssl-keystore", "FILE", "or serve TLS from a PKCS#12 or JKS keystore", c -> "",
                    (s, o, v) -> s.tls.keystore(o, path(o, v))),
            option("--ssl-keystore-password", "PASSWORD", "its password, or env:NAME to read a variable", c -> "",
                    (s, o, v) -> s.tls.password(o, v)),
            option("--ssl-ca", "FILE", "CA certificates (PEM) client certificates chain to", c -> "",
                    (s, o, v) -> s.tls.caBundle(o, path(o, v))),
            option("--ssl-client-auth", "MODE", "none, request or require a client certificate", c -> "none",
                    (s, o, v) -> s.tls.clientAuth(o, v)),
            option("--ssl-protocols", "LIST", "TLS versions: TLSv1.3, TLSv1.2 or both",
                    c -> String.join(",", TlsSettings.DEFAULT_PROTOCOLS), (s, o, v) -> s.tls.protocols(o, v)),
            option("--ssl-ciphers", "LIST", "cipher suites, best first (JDK names)", c -> "the JDK's",
                    (s, o, v) -> s.tls.cipherSuites(o, v)),
            flag(List.of("--quiet", "-q"), "no startup banner", c -> "", (s, o, v) -> s.quiet = true),
            flag(List.of("--help", "-h"), "show this help and exit", c -> "", (s, o, v) -> {
            }),
            flag(List.of("--version"), "show the version and exit", c -> "", (s, o, v) -> {
            }));

    /**
     * @param args the command line, without the program name
     * @return what to do; {@code --help} or {@code --version} anywhere wins over everything else
     * @throws UsageException for an unknown option, a missing or bad value, or no {@code --app}
     */
    public static Command parse(String... args) throws UsageException {
        return parse(System::getenv, args);
    }

    /** {@link #parse(String...)} with the environment {@code env:NAME} values are read from. */
    static Command parse(Function<String, String> environment, String... args) throws UsageException {
        List<String> all = Arrays.asList(args);
        if (all.contains("--help") || all.contains("-h")) {
            return new Command.Help();
        }
        if (all.contains("--version")) {
            return new Command.Version();
        }
        Settings s = new Settings(environment);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new UsageException("unexpected argument '" + Values.printable(arg)
                        + "' (give the application with --app; see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option o = find(name);
            if (o.flag()) {
                if (eq >= 0) {
                    throw new UsageException(name + ": takes no value");
                }
                o.setter().set(s, name, "");
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + ": expected a value (" + o.valueName() + ")");
            }
            o.setter().set(s, name, value);
        }
        if (s.app == null) {
            throw new UsageException("--app: required: a class name, a .java file or a .jar (see --help)");
        }
        if (s.reload && !s.app.toLowerCase(Locale.ROOT).endsWith(".java")) {
            throw new UsageException("--reload: needs --app to be a .java file, got '" + Values.printable(s.app)
                    + "'");
        }
        s.tls.settings().ifPresent(s.builder::tls);
        try {
            return new Command.Serve(s.app, s.builder.limits(s.limits).build(), s.quiet, s.reload);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Option find(String name) throws UsageException {
        for (Option o : OPTIONS) {
            if (o.names().contains(name)) {
                return o;
            }
        }
        throw new UsageException(Values.printable(name) + ": unknown option (see --help)");
    }

    /** @return the {@code --help} text, ending with a newline */
    public static String help() {
        ServerConfig defaults = ServerConfig.builder().build();
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: %1$s --app APP [options]

                Runs a PAGI application on the PAGI server for the JDK (HTTP/1.1).

                APP is one of:
                  com.example.HelloApp   a class on the classpath that implements org.pagi.spec.Application
                                         (with a public no-arg constructor) or has a
                                         public static Application app() method
                  path/to/HelloApp.java  one source file, compiled in memory against the classpath; its
                                         public top-level class is the application (as above);
                                         with --reload, compiled again and swapped in when it changes
                  path/to/hello.jar      a jar whose manifest names the class in PAGI-Application
                                         (else its Main-Class, if that is an application)

                Options (default in brackets):
                """.formatted(NAME));
        for (int i = 0; i < OPTIONS.size(); i++) {
            Option o = OPTIONS.get(i);
            String left = String.join(", ", o.names()) + (o.flag() ? "" : " " + o.valueName());
            String help = o.help();
            if (i + 1 < OPTIONS.size() && OPTIONS.get(i + 1).help().isEmpty()) {
                left = left + ", " + OPTIONS.get(i + 1).names().get(0);
                i++;
            }
            String shown = o.shown().apply(defaults);
            out.append(String.format(Locale.ROOT, "  %-36s %s%s%n", left, help,
                    shown.isEmpty() ? "" : " [" + shown + "]"));
        }
        out.append("""

                TLS: --ssl-cert and --ssl-key, or --ssl-keystore and its password, turn it on for every
                connection (https, wss); a development certificate: see the server README.
                SIGTERM or SIGINT (Ctrl+C) stops the server gracefully: see --shutdown-grace.
                Exit status: 143 (SIGTERM) or 130 (SIGINT) after a graceful stop, 1 could not start (e.g.
                the address is in use), 2 bad command line or application, 3 the application's lifespan
                startup failed.
                """);
        return out.toString();
    }

    private static WebSocketSettings withLimit(Settings s, long max) {
        WebSocketSettings w = s.builder.build().websocket();
        return new WebSocketSettings(new WebSocketLimits(max), w.deflate(), w.closeTimeout(), w.idleTimeout());
    }

    private static WebSocketSettings withDeflate(Settings s, boolean on) {
        WebSocketSettings w = s.builder.build().websocket();
        return new WebSocketSettings(w.limits(), on, w.closeTimeout(), w.idleTimeout());
    }

    private static WebSocketSettings withIdle(Settings s, java.time.Duration idle) {
        WebSocketSettings w = s.builder.build().websocket();
        return new WebSocketSettings(w.limits(), w.deflate(), w.closeTimeout(), idle);
    }

    private static String nonEmpty(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw Values.bad(option, "a value", value);
        }
        return value;
    }

    private static String host(String option, String value) throws UsageException {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '/' || c > 0x7E)) {
            throw Values.bad(option, "a host name or IP address", value);
        }
        return value;
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            return Path.of(nonEmpty(option, value));
        } catch (InvalidPathException e) {
            throw Values.bad(option, "a file path", value);
        }
    }

    private static String logFormat(String option, String value) throws UsageException {
        try {
            AccessLogFormat.parse(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static List<String> trusted(String option, String value) throws UsageException {
        List<String> entries = value.isBlank() ? List.of() : Arrays.stream(value.split(",", -1)).map(String::strip)
                .toList();
        try {
            TrustedProxies.parse(entries);
            return entries;
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String rootPath(String option, String value) throws UsageException {
        if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/"))) {
            throw Values.bad(option, "empty or a path starting with / and not ending with /", value);
        }
        return value;
    }

    private static String serverHeader(String option, String value) throws UsageException {
        if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            throw Values.bad(option, "printable ASCII text", value);
        }
        return value;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String upper(String choice) {
        return choice.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
