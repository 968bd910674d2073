package org.pagi.server.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server speaks TLS: its key and certificates, which clients it trusts, and what it negotiates. Built with
 * {@link #builder(KeySource)}; {@link #build() build()} names a bad value. Reading the files is left to
 * {@link TlsContext#create}, when the server starts.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>why</th></tr>
 *   <tr><td>keys</td><td>required</td><td>PEM files or a keystore ({@link KeySource})</td></tr>
 *   <tr><td>caBundle</td><td>none</td><td>the CAs client certificates must chain to; required for client
 *       authentication</td></tr>
 *   <tr><td>clientAuth</td><td>{@link ClientAuth#NONE}</td><td>client certificates are the exception</td></tr>
 *   <tr><td>protocols</td><td>TLSv1.3, TLSv1.2</td><td>older versions are broken (RFC 8996); only these two
 *       can be chosen</td></tr>
 *   <tr><td>cipherSuites</td><td>empty: the JDK's defaults, in the JDK's order</td><td>they follow the JDK's
 *       security updates</td></tr>
 *   <tr><td>applicationProtocols</td><td>http/1.1</td><td>ALPN, in order of preference; {@code h2} joins when the
 *       server speaks it</td></tr>
 * </table>
 *
 * @param keys                 the server's key and certificate chain
 * @param caBundle             a PEM file of the CA certificates client certificates must chain to
 * @param clientAuth           whether to ask clients for a certificate
 * @param protocols            the TLS versions, by their JDK names
 * @param cipherSuites         the cipher suites, by their JDK (IANA) names, in order of preference; empty for the
 *                             JDK's defaults
 * @param applicationProtocols the ALPN protocols the server accepts, in order of preference
 */
public record TlsSettings(KeySource keys, Optional<Path> caBundle, ClientAuth clientAuth, List<String> protocols,
        List<String> cipherSuites, List<String> applicationProtocols) {

    /** The TLS versions that may be enabled, newest first. */
    public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The TLS versions enabled unless told otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = ALLOWED_PROTOCOLS;
    /** The only protocol the server speaks over TLS today. */
    public static final List<String> DEFAULT_APPLICATION_PROTOCOLS = List.of("http/1.1");

    /** Copies the lists and checks every setting, naming the bad one. */
    public TlsSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        applicationProtocols = List.copyOf(applicationProtocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("tls protocols must not be empty");
        }
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("tls protocols: expected " + String.join(" or ", ALLOWED_PROTOCOLS)
                        + ", got '" + p + "'");
            }
        }
        for (String c : cipherSuites) {
            if (!c.matches("[A-Z0-9_]+")) {
                throw new IllegalArgumentException("tls cipher suites: expected names like TLS_AES_128_GCM_SHA256, "
                        + "got '" + c + "'");
            }
        }
        if (applicationProtocols.isEmpty()) {
            throw new IllegalArgumentException("tls applicationProtocols must not be empty");
        }
        if (clientAuth != ClientAuth.NONE && caBundle.isEmpty()) {
            throw new IllegalArgumentException("tls clientAuth " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a CA bundle to verify client certificates against");
        }
    }

    /** @return a builder for these keys, holding the defaults */
    public static Builder builder(KeySource keys) {
        return new Builder(keys);
    }

    /** @return the settings for a certificate and a key in PEM files, all else default */
    public static TlsSettings pem(Path certificate, Path privateKey) {
        return builder(new KeySource.PemFiles(certificate, privateKey, Optional.empty())).build();
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final KeySource keys;
        private Optional<Path> caBundle = Optional.empty();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private List<String> applicationProtocols = DEFAULT_APPLICATION_PROTOCOLS;

        private Builder(KeySource keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** The CA certificates (PEM) client certificates must chain to. */
        public Builder caBundle(Path value) {
            caBundle = Optional.of(value);
            return this;
        }

        /** Whether to ask clients for a certificate. */
        public Builder clientAuth(ClientAuth value) {
            clientAuth = value;
            return this;
        }

        /** The TLS versions: {@code TLSv1.3}, {@code TLSv1.2} or both. */
        public Builder protocols(List<String> value) {
            protocols = value;
            return this;
        }

        /** The cipher suites in order of preference; empty for the JDK's defaults. */
        public Builder cipherSuites(List<String> value) {
            cipherSuites = value;
            return this;
        }

        /** The ALPN protocols in order of preference. */
        public Builder applicationProtocols(List<String> value) {
            applicationProtocols = value;
            return this;
        }

        /** @return the checked settings */
        public TlsSettings build() {
            return new TlsSettings(keys, caBundle, clientAuth, protocols, cipherSuites, applicationProtocols);
        }
    }
}
