package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The server under test: where it listens and how long a case may wait for it. Parsed from the {@code --url}
 * of the command line ({@code http://127.0.0.1:8080}); immutable.
 *
 * <p>An {@code https} target is reached over TLS: {@link #connect()} returns an {@link SSLSocket} whose handshake is
 * done, so every case of every category runs over TLS unchanged. The certificate is not checked unless a trust
 * store is given ({@code --trust-store}): the suite checks protocol behaviour (see {@link TlsClient}).
 *
 * @param host       the host to connect to
 * @param port       the port
 * @param secure     whether the URL was {@code https}: every connection is TLS, and the TLS category applies
 * @param timeout    the longest wait for any one answer
 * @param trustStore certificates (PEM or DER) the server's must chain to, with its host name checked; empty to
 *                   accept any certificate
 */
public record Target(String host, int port, boolean secure, Duration timeout, Optional<Path> trustStore) {
    /** Checks the values. */
    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(trustStore, "trustStore");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** A target that accepts any certificate when {@code secure}. */
    public Target(String host, int port, boolean secure, Duration timeout) {
        this(host, port, secure, timeout, Optional.empty());
    }

    /** @return this target checking the server's certificate against the certificates in {@code file} */
    public Target withTrustStore(Path file) {
        return new Target(host, port, secure, timeout, Optional.of(file));
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

    /** Sets up a socket before it connects (buffer sizes must be set then). */
    @FunctionalInterface
    public interface SocketSetup {
        /** Sets options on {@code s}, not yet connected. */
        void apply(Socket s) throws IOException;
    }

    /**
     * @return a new connection, TLS with the handshake done when {@link #secure()}, else TCP; the read timeout set,
     *         no Nagle delay
     */
    public Socket connect() throws IOException {
        return connect(s -> { });
    }

    /** @return a new connection as {@link #connect()} makes, with {@code setup} applied before connecting */
    public Socket connect(SocketSetup setup) throws IOException {
        Socket tcp = connectTcp(setup);
        return secure ? TlsClient.handshake(tcp, this, p -> { }) : tcp;
    }

    /** @return a new TCP connection, never TLS, whatever the scheme: for cases that write raw bytes to the port */
    public Socket connectTcp() throws IOException {
        return connectTcp(s -> { });
    }

    /** @return a new TCP connection, with {@code setup} applied before connecting */
    public Socket connectTcp(SocketSetup setup) throws IOException {
        Socket s = new Socket();
        try {
            setup.apply(s);
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * @param tune changes the client's parameters before the handshake (protocols, ALPN offer, SNI)
     * @return a new TLS connection, handshake done, whatever the scheme
     * @throws javax.net.ssl.SSLException when the handshake fails (an alert from the server, among others)
     */
    public SSLSocket connectTls(Consumer<SSLParameters> tune) throws IOException {
        return TlsClient.handshake(connectTcp(), this, tune);
    }

    /** @return a raw HTTP/1.1 connection to the target */
    public HttpConnection http() throws IOException {
        return new HttpConnection(this, connect());
    }
}
