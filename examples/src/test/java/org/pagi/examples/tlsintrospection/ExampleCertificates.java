package org.pagi.examples.tlsintrospection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-only certificates for the live TLS tests, made with the JDK's {@code keytool} (run from {@code java.home})
 * into a temporary folder, once per test JVM; nothing private is checked in. The same commands as the example's
 * README, plus a CA and a client certificate it signed:
 * <ul>
 *   <li>{@code server.p12}: EC P-256, {@code CN=localhost}, SAN {@code localhost}, {@code 127.0.0.1};</li>
 *   <li>{@code ca.pem}: a CA certificate; {@code client.p12}: {@code CN=alice,O=Example}, signed by it.</li>
 * </ul>
 * Every keystore's password is {@link #PASSWORD}.
 */
final class ExampleCertificates {
    static final String PASSWORD = "changeit";
    private static ExampleCertificates shared;

    private final Path dir;

    private ExampleCertificates(Path dir) {
        this.dir = dir;
    }

    static synchronized ExampleCertificates get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("pagi-example-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new ExampleCertificates(dir);
                shared.make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    Path file(String name) {
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
        keytool(List.of("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3", "-keystore", "server.p12"),
                List.of("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=Example CA", "-ext", "bc:c", "-validity", "3", "-keystore", "ca.p12"),
                List.of("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=alice,O=Example", "-validity", "3", "-keystore", "client.p12"));
        keytool(List.of("-certreq", "-alias", "client", "-keystore", "client.p12", "-file", "client.csr"),
                List.of("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem"));
        keytool(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client.csr", "-outfile",
                "client.pem", "-validity", "3", "-ext", "eku=clientAuth"));
        keytool(List.of("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "client.p12"));
        keytool(List.of("-importcert", "-alias", "client", "-file", "client.pem", "-keystore", "client.p12"));
    }

    /** Runs keytool once per argument list, all at once, and waits for every one. */
    @SafeVarargs
    private void keytool(List<String>... runs) throws IOException {
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

    private KeyStore keyStore(String name) throws IOException, GeneralSecurityException {
        return KeyStore.getInstance(file(name).toFile(), PASSWORD.toCharArray());
    }

    /** @return a client context trusting the server certificate; with {@code alice}, presenting hers */
    SSLContext client(boolean alice) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", keyStore("server.p12").getCertificate("server"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (alice) {
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
