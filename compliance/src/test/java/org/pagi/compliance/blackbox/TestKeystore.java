package org.pagi.compliance.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TlsSettings;

/**
 * A server key for the wire suite's TLS tests, made once per test JVM with the JDK's {@code keytool} (run from
 * {@code java.home}) in a temporary folder: EC P-256, self-signed, {@code CN=localhost} with SAN {@code localhost}
 * and {@code 127.0.0.1}, in {@code server.p12}; its certificate as PEM in {@code server-cert.pem}. A second,
 * unrelated certificate ({@code other-cert.pem}) is one the server's does not chain to. Nothing is checked in.
 */
final class TestKeystore {
    static final String PASSWORD = "changeit";
    private static Path dir;

    private TestKeystore() {
    }

    /** @return the folder holding the files, made on the first call */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("pagi-wire-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
                keytool(d, "-genkeypair", "-alias", "pagi", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype",
                        "PKCS12", "-keystore", "server.p12", "-storepass", PASSWORD, "-keypass", PASSWORD);
                keytool(d, "-exportcert", "-rfc", "-alias", "pagi", "-keystore", "server.p12", "-storepass", PASSWORD,
                        "-file", "server-cert.pem");
                keytool(d, "-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype",
                        "PKCS12", "-keystore", "other.p12", "-storepass", PASSWORD, "-keypass", PASSWORD);
                keytool(d, "-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-storepass", PASSWORD,
                        "-file", "other-cert.pem");
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** @return the server's TLS settings: the keystore, everything else as the server defaults */
    static TlsSettings settings() {
        return TlsSettings.builder(new KeySource.KeyStoreFile(dir().resolve("server.p12"), PASSWORD)).build();
    }

    /** @return the server's certificate, PEM */
    static Path certificate() {
        return dir().resolve("server-cert.pem");
    }

    /** @return a certificate the server's is not signed by, PEM */
    static Path otherCertificate() {
        return dir().resolve("other-cert.pem");
    }

    private static void keytool(Path d, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(d.toFile()).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + command + " failed: " + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void delete(Path d) {
        try (Stream<Path> files = Files.walk(d)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
