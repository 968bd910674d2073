package org.pagi.server.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server's TLS, ready to serve: the {@code SSLContext} built from {@link TlsSettings} (key material checked, CA
 * bundle loaded, protocols and cipher suites checked against what this JDK supports), the engine parameters every
 * connection gets, and the pool of record buffers the connections share. {@link #newSession()} makes the
 * per-connection {@link TlsSession}.
 *
 * <p>Everything that can be wrong with the files or the names is found by {@link #create}, before the server
 * binds, with a message naming the file or the name. Thread-safe.
 */
public final class TlsContext {
    private static final System.Logger LOG = System.getLogger(TlsContext.class.getName());
    /** Free record buffers kept for reuse: 256 of about 16 KiB is 4 MiB at most, enough for bursts of writers. */
    private static final int POOLED_BUFFERS = 256;

    private final SSLContext context;
    private final SSLParameters parameters;
    private final List<String> applicationProtocols;
    private final X509Certificate serverCertificate;
    private final String serverCertificatePem;
    private final List<String> warnings;
    private final BufferPool buffers;

    private TlsContext(SSLContext context, SSLParameters parameters, TlsSettings settings, KeyMaterial keys,
            int bufferSize) {
        this.context = context;
        this.parameters = parameters;
        this.applicationProtocols = settings.applicationProtocols();
        this.serverCertificate = keys.leaf();
        this.serverCertificatePem = pem(keys.leaf());
        this.warnings = keys.warnings();
        this.buffers = new BufferPool(bufferSize, POOLED_BUFFERS);
    }

    /**
     * Reads and checks everything {@code settings} names. Warnings (an expired certificate) are logged and kept in
     * {@link #warnings()}; they do not stop the server.
     *
     * @throws TlsSetupException when a file is missing, unreadable or wrong, a password is wrong, a key does not
     *                           match its certificate, or a protocol or cipher suite is unknown to this JDK
     */
    public static TlsContext create(TlsSettings settings) throws TlsSetupException {
        KeyMaterial keys = KeyMaterial.load(settings.keys());
        SSLContext context;
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys.store(), keys.password());
            TrustManager[] trust = settings.caBundle().isPresent() ? trustManagers(settings.caBundle().get()) : null;
            context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust, null);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(settings.keys().file() + ": the JDK refused the key material: "
                    + e.getMessage(), e);
        }
        SSLParameters parameters = parameters(context, settings);
        SSLEngine probe = context.createSSLEngine();
        int size = Math.max(probe.getSession().getPacketBufferSize(), probe.getSession().getApplicationBufferSize());
        TlsContext tls = new TlsContext(context, parameters, settings, keys, size);
        for (String w : tls.warnings) {
            LOG.log(System.Logger.Level.WARNING, w);
        }
        return tls;
    }

    private static SSLParameters parameters(SSLContext context, TlsSettings settings) throws TlsSetupException {
        SSLParameters supported = context.getSupportedSSLParameters();
        List<String> protocols = settings.protocols();
        for (String p : protocols) {
            if (!Arrays.asList(supported.getProtocols()).contains(p)) {
                throw new TlsSetupException("this JDK does not support the protocol " + p);
            }
        }
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(new String[0]));
        if (!settings.cipherSuites().isEmpty()) {
            List<String> known = Arrays.asList(supported.getCipherSuites());
            for (String c : settings.cipherSuites()) {
                if (!known.contains(c)) {
                    throw new TlsSetupException("this JDK does not support the cipher suite " + c);
                }
            }
            checkUsable(settings.cipherSuites(), protocols);
            p.setCipherSuites(settings.cipherSuites().toArray(new String[0]));
        }
        p.setUseCipherSuitesOrder(true); // the server's order of preference, not the client's
        switch (settings.clientAuth()) {
            case NONE -> p.setNeedClientAuth(false);
            case REQUEST -> p.setWantClientAuth(true);
            case REQUIRE -> p.setNeedClientAuth(true);
        }
        return p;
    }

    /** TLS 1.3 suites have no key exchange in their names (RFC 8446 section 4.1.2); older ones all have "_WITH_". */
    private static void checkUsable(List<String> suites, List<String> protocols) throws TlsSetupException {
        boolean tls13 = protocols.contains("TLSv1.3") && suites.stream().anyMatch(s -> !s.contains("_WITH_"));
        boolean tls12 = protocols.contains("TLSv1.2") && suites.stream().anyMatch(s -> s.contains("_WITH_"));
        if (!tls13 && !tls12) {
            throw new TlsSetupException("none of the cipher suites " + String.join(",", suites) + " works with "
                    + String.join(" or ", protocols) + " (TLS 1.3 suites are named TLS_AES_..., TLS_CHACHA20_...; "
                    + "TLS 1.2 suites TLS_ECDHE_..._WITH_...)");
        }
    }

    private static TrustManager[] trustManagers(Path bundle) throws TlsSetupException, GeneralSecurityException {
        List<X509Certificate> cas = KeyMaterial.certificates(Pem.read(bundle), bundle);
        if (cas.isEmpty()) {
            throw new TlsSetupException(bundle + ": no CA certificate (expected BEGIN CERTIFICATE blocks)");
        }
        KeyStore store = KeyMaterial.emptyStore();
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** @return a session for one accepted connection, in server mode, its handshake not yet begun */
    public TlsSession newSession() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        TlsSession session = new TlsSession(engine, this);
        engine.setSSLParameters(parametersFor(session));
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> alpn(offered));
        return session;
    }

    /**
     * The shared parameters plus an SNI matcher of this session's own, which sees the name the client asked for in
     * every handshake: a resumed TLS 1.3 session would otherwise report the name of the session it resumes. The
     * matcher accepts every name: the server has one certificate.
     */
    private SSLParameters parametersFor(TlsSession session) {
        SSLParameters p = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        p.setUseCipherSuitesOrder(parameters.getUseCipherSuitesOrder());
        if (parameters.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else if (parameters.getWantClientAuth()) {
            p.setWantClientAuth(true);
        }
        p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                if (name instanceof SNIHostName host) {
                    session.serverNameIs(host.getAsciiName());
                }
                return true;
            }
        }));
        return p;
    }

    /**
     * RFC 7301 section 3.2: the first of our protocols the client offers. A client that offers ALPN without any of
     * ours gets the fatal {@code no_application_protocol} alert ({@code null}); one that offers no ALPN gets none
     * ({@code ""}).
     */
    private String alpn(List<String> offered) {
        if (offered.isEmpty()) {
            return "";
        }
        for (String p : applicationProtocols) {
            if (offered.contains(p)) {
                return p;
            }
        }
        return null;
    }

    /** @return the record buffers the connections share */
    public BufferPool buffers() {
        return buffers;
    }

    /** @return what an operator was warned about at start (an expired certificate), each naming its file */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the server certificate the connections present, PEM */
    String serverCertificatePem(java.security.cert.Certificate presented) {
        return presented.equals(serverCertificate) ? serverCertificatePem : pemOrEmpty(presented);
    }

    private static String pem(X509Certificate cert) {
        try {
            return Pem.encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a loaded certificate cannot be encoded", e);
        }
    }

    private static String pemOrEmpty(java.security.cert.Certificate cert) {
        try {
            return Pem.encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return "";
        }
    }

    /** @return the subject of the server certificate, for the banner */
    public String serverSubject() {
        return KeyMaterial.subject(serverCertificate);
    }
}
