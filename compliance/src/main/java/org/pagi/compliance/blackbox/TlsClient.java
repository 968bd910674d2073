package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The suite's TLS client side: the {@link SSLContext} a {@link Target} trusts with, and TLS over a connected TCP
 * socket. By default any certificate is accepted (the suite checks protocol behaviour, not a PKI; like
 * {@code curl --insecure}); with a trust store only certificates chaining to it, for the target's host name or
 * address (RFC 9110 section 4.3.4). Contexts are made once per trust store. Thread-safe.
 */
final class TlsClient {
    /** The application protocol the suite speaks, offered by every connection unless a case says otherwise. */
    static final String HTTP_1_1 = "http/1.1";

    private static final Map<Optional<Path>, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

    private TlsClient() {
    }

    /**
     * @return the client context for {@code trustStore}: trusting anything when empty
     * @throws IllegalArgumentException when the trust store cannot be read or holds no certificate
     */
    static SSLContext context(Optional<Path> trustStore) {
        return CONTEXTS.computeIfAbsent(trustStore, TlsClient::newContext);
    }

    private static SSLContext newContext(Optional<Path> trustStore) {
        try {
            TrustManager[] trust;
            if (trustStore.isEmpty()) {
                trust = new TrustManager[] {new TrustAnything()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore.get()));
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS client: " + e.getMessage(), e);
        }
    }

    /** @return a keystore of the certificates in {@code file}, PEM or DER */
    private static KeyStore load(Path file) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--trust-store " + file + ": cannot read it (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--trust-store " + file + ": not X.509 certificates in PEM or DER ("
                    + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("--trust-store " + file + ": no certificate in it");
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the TLS handshake over {@code tcp}, connected to {@code target}; {@code tune} may change the parameters
     * (protocols, ALPN offer, SNI) after the suite's defaults: the target's host as SNI when it is a name, ALPN
     * {@code http/1.1}, and host name checking when a trust store is given.
     *
     * @return the socket, handshake done, reading with the target's timeout; closing it closes {@code tcp}
     */
    static SSLSocket handshake(Socket tcp, Target target, Consumer<SSLParameters> tune) throws IOException {
        SSLSocket s = (SSLSocket) context(target.trustStore()).getSocketFactory().createSocket(tcp, target.host(),
                target.port(), true);
        try {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {HTTP_1_1});
            if (target.trustStore().isPresent()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tune.accept(p);
            s.setSSLParameters(p);
            s.setSoTimeout((int) target.timeout().toMillis());
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** @return a client engine for {@code target}, configured as {@link #handshake} configures a socket */
    static SSLEngine engine(Target target, Consumer<SSLParameters> tune) {
        SSLEngine e = context(target.trustStore()).createSSLEngine(target.host(), target.port());
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(new String[] {HTTP_1_1});
        if (target.trustStore().isPresent()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tune.accept(p);
        e.setSSLParameters(p);
        return e;
    }

    /** @return {@code tune} that enables exactly {@code protocols} */
    static Consumer<SSLParameters> only(String... protocols) {
        return p -> p.setProtocols(protocols);
    }

    /** @return {@code tune} that offers exactly {@code protocols} in ALPN, or no ALPN extension when empty */
    static Consumer<SSLParameters> alpn(List<String> protocols) {
        return p -> p.setApplicationProtocols(protocols.toArray(String[]::new));
    }

    /** Accepts every certificate: the default, since the suite checks the protocol, not who signed the server. */
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
