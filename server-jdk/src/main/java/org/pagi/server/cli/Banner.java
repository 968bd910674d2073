package org.pagi.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;
import java.util.Properties;
import org.pagi.server.ServerConfig;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;
import org.pagi.spec.PagiInfo;

/**
 * The launcher's startup banner and version line: what is listening where, and how. Written to standard error,
 * so standard output carries the access log alone. Stateless; thread-safe.
 */
public final class Banner {
    /** Where Maven puts the artifact's version inside the jar. */
    private static final String POM_PROPERTIES = "/META-INF/maven/org.pagi/pagi-server-jdk/pom.properties";

    private Banner() {
    }

    /**
     * @param app     the {@code --app} value
     * @param config  the settings the server runs with
     * @param address the address the server bound
     * @return the banner, several lines, ending with a newline
     */
    public static String text(String app, ServerConfig config, SocketAddress address) {
        String accessLog = config.accessLog() ? "on (" + config.accessLogFormat() + ", to standard output)" : "off";
        String proxies = config.proxyHeaders() ? "on, trusting " + String.join(", ", config.forwardedAllowIps())
                : "off";
        return String.join(System.lineSeparator(),
                CommandLine.NAME + " " + version(),
                line("app", app),
                line("listening", url(config, address)),
                line("loops", config.loops() + ", " + config.executionMode().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-')),
                line("PAGI spec", PagiInfo.VERSION),
                line("Java", Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")"),
                line("TLS", config.tls().map(Banner::tls).orElse("off")),
                line("access log", accessLog),
                line("proxy headers", proxies),
                "Stop with Ctrl+C or SIGTERM (graceful, up to " + config.shutdownGrace().toSeconds() + " s).",
                "");
    }

    /** @return {@code pagi-server VERSION (PAGI spec X, Java Y)} */
    public static String versionLine() {
        return CommandLine.NAME + " " + version() + " (PAGI spec " + PagiInfo.VERSION + ", Java "
                + Runtime.version() + ")";
    }

    /** @return {@code http://host:port} ({@code https} with TLS), brackets around an IPv6 host, or {@code unix:PATH} */
    static String url(ServerConfig config, SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        int port = address instanceof InetSocketAddress inet ? inet.getPort() : config.port();
        String host = config.host();
        String scheme = config.tls().isPresent() ? "https://" : "http://";
        return scheme + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return {@code on (TLSv1.3, TLSv1.2; certificate FILE; client certificates required)} */
    static String tls(TlsSettings tls) {
        String clients = switch (tls.clientAuth()) {
            case NONE -> "";
            case REQUEST -> "; client certificates requested";
            case REQUIRE -> "; client certificates required";
        };
        String source = switch (tls.keys()) {
            case KeySource.PemFiles pem -> "certificate " + pem.certificate();
            case KeySource.KeyStoreFile ks -> "keystore " + ks.keystore();
        };
        return "on (" + String.join(", ", tls.protocols()) + "; " + source + clients + ")";
    }

    /** @return the server jar's version, or {@code dev} when run from compiled classes */
    static String version() {
        try (InputStream in = Banner.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-14s%s", label, value);
    }
}
