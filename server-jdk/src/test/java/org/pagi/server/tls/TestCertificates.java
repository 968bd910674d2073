package org.pagi.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-only keys and certificates, made when first asked for with the JDK's {@code keytool} (run as a process from
 * {@code java.home}) into a temporary folder, once per test JVM; nothing private is checked in. Every keystore's
 * password is {@link #PASSWORD}.
 *
 * <ul>
 *   <li>{@code server}: EC P-256, {@code CN=localhost}, SAN {@code localhost} and {@code 127.0.0.1}, self-signed;
 *       as {@code server.p12} and as PEM ({@code server-cert.pem}, {@code server-key.pem} PKCS#8,
 *       {@code server-key-sec1.pem});</li>
 *   <li>{@code rsa}: the same names, RSA 2048 ({@code rsa.p12}, {@code rsa.jks}, {@code rsa-cert.pem},
 *       {@code rsa-key.pem} PKCS#8, {@code rsa-key-pkcs1.pem});</li>
 *   <li>{@code ca} ({@code ca.pem}) and {@code client} ({@code client.p12}, {@code client-cert.pem},
 *       {@code client-key.pem}: {@code CN=alice,O=Example}, signed by the CA);</li>
 *   <li>{@code expired}: a certificate whose validity ended weeks ago ({@code expired-cert.pem},
 *       {@code expired-key.pem}).</li>
 * </ul>
 */
public final class TestCertificates {
    /** The password of every keystore made here. */
    public static final String PASSWORD = "changeit";
    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** @return the certificates, made on the first call */
    public static synchronized TestCertificates get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("pagi-tls-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new TestCertificates(dir);
                shared.make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** @return a file made here */
    public Path file(String name) {
        return dir.resolve(name);
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private void make() throws IOException {
        String san = "SAN=dns:localhost,ip:127.0.0.1";
        parallel(
                List.of("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-ext", san, "-validity", "3", "-keystore", "server.p12"),
                List.of("-genkeypair", "-alias", "rsa", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                        "-ext", san, "-validity", "3", "-keystore", "rsa.p12"),
                List.of("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=PAGI Test CA", "-ext", "bc:c", "-validity", "3", "-keystore", "ca.p12"),
                List.of("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=alice,O=Example", "-validity", "3", "-keystore", "client.p12"),
                List.of("-genkeypair", "-alias", "expired", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-startdate", "-30d", "-validity", "2", "-keystore", "expired.p12"));
        parallel(
                List.of("-certreq", "-alias", "client", "-keystore", "client.p12", "-file", "client.csr"),
                List.of("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem"));
        parallel(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client.csr",
                "-outfile", "client-cert.pem", "-validity", "3", "-ext", "eku=clientAuth"));
        parallel(List.of("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "client.p12"));
        parallel(List.of("-importcert", "-alias", "client", "-file", "client-cert.pem", "-keystore", "client.p12"));
        exportPem("server.p12", "server", "server");
        exportPem("rsa.p12", "rsa", "rsa");
        exportPem("expired.p12", "expired", "expired");
        exportPem("client.p12", "client", "client");
        writeJks("rsa.p12", "rsa", "rsa.jks");
        byte[] rsa = keyStoreKey("rsa.p12", "rsa").getEncoded();
        Files.writeString(file("rsa-key-pkcs1.pem"), Pem.encode("RSA PRIVATE KEY", pkcs1Of(rsa)));
        byte[] ec = keyStoreKey("server.p12", "server").getEncoded();
        Files.writeString(file("server-key-sec1.pem"), Pem.encode("EC PRIVATE KEY", sec1Of(ec)));
    }

    /** Runs keytool once per argument list, all at the same time, and waits for every one. */
    @SafeVarargs
    private void parallel(List<String>... runs) throws IOException {
        List<Process> processes = new ArrayList<>();
        for (List<String> args : runs) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(args);
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
            processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            try (InputStream out = p.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("keytool " + runs[i] + " failed: " + text);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void exportPem(String store, String alias, String prefix) throws IOException {
        try {
            KeyStore ks = keyStore(store);
            X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
            Files.writeString(file(prefix + "-cert.pem"), Pem.encode("CERTIFICATE", cert.getEncoded()));
            Files.writeString(file(prefix + "-key.pem"), Pem.encode("PRIVATE KEY",
                    ks.getKey(alias, PASSWORD.toCharArray()).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Copies a key entry into a JKS keystore, the JDK's older format, with the same password. */
    private void writeJks(String from, String alias, String to) throws IOException {
        try {
            KeyStore jks = KeyStore.getInstance("JKS");
            jks.load(null, null);
            KeyStore p12 = keyStore(from);
            jks.setKeyEntry(alias, p12.getKey(alias, PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                    p12.getCertificateChain(alias));
            try (var out = Files.newOutputStream(file(to))) {
                jks.store(out, PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** @return the PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its privateKey OCTET STRING */
    static byte[] pkcs1Of(byte[] pkcs8) {
        return Der.read(pkcs8).children().get(2).value();
    }

    /** @return the SEC 1 ECPrivateKey of a PKCS#8 EC key, with its curve named in {@code [0]} as OpenSSL writes it */
    static byte[] sec1Of(byte[] pkcs8) {
        List<Der.Tlv> info = Der.read(pkcs8).children();
        byte[] curve = info.get(1).children().get(1).value();
        List<Der.Tlv> inner = Der.read(info.get(2).value()).children();
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {1}),
                Der.encode(Der.OCTET_STRING, inner.get(1).value()),
                Der.encode(Der.CONTEXT_0, Der.encode(Der.OID, curve)));
    }

    /** @return a keystore made here, opened */
    public KeyStore keyStore(String name) {
        try {
            return KeyStore.getInstance(file(name).toFile(), PASSWORD.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private PrivateKey keyStoreKey(String store, String alias) {
        try {
            return (PrivateKey) keyStore(store).getKey(alias, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return settings serving the EC {@code server} certificate from PEM files */
    public TlsSettings.Builder serverPem() {
        return TlsSettings.builder(new KeySource.PemFiles(file("server-cert.pem"), file("server-key.pem"),
                java.util.Optional.empty()));
    }

    /** @return a client context trusting the server certificates (EC and RSA), with no certificate of its own */
    public SSLContext clientTrusting() {
        return context(false);
    }

    /** @return a client context trusting the server certificates, presenting {@code CN=alice,O=Example} */
    public SSLContext clientWithCertificate() {
        return context(true);
    }

    private SSLContext context(boolean withCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", keyStore("server.p12").getCertificate("server"));
            trust.setCertificateEntry("rsa", keyStore("rsa.p12").getCertificate("rsa"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (withCertificate) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore("client.p12"), PASSWORD.toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
