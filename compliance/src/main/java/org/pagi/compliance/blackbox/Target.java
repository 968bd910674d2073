package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The server under test: where it listens and how long a case may wait for it. Parsed from the {@code --url}
 * of the command line ({@code http://127.0.0.1:8080}); immutable.
 *
 * @param host    the host to connect to
 * @param port    the port
 * @param secure  whether the URL was {@code https} (the TLS category)
 * @param timeout the longest wait for any one answer
 */
public record Target(String host, int port, boolean secure, Duration timeout) {
    /** Checks the values. */
    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** @return the target of an {@code http://} or {@code https://} URL; its path is ignored */
    public static Target parse(String url, Duration timeout) {
        URI uri = URI.create(url);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must look like http://HOST:PORT, got '" + url + "'");
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        return new Target(uri.getHost(), port, secure, timeout);
    }

    /** @return the value of a {@code Host} header that names this target */
    public String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    /** @return a new TCP connection with the read timeout set, no Nagle delay */
    public Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** @return a raw HTTP/1.1 connection to the target */
    public HttpConnection http() throws IOException {
        return new HttpConnection(this, connect());
    }
}
