package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pagi.server.tls.KeySource;
import org.pagi.server.tls.TestCertificates;
import org.pagi.server.tls.TlsSettings;
import org.pagi.server.tls.TlsSetupException;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/** TLS files that cannot be used stop the start, before the application hears of it, naming the file. */
class TlsStartupTest {
    private static TestCertificates certs;

    /** Counts its calls: lifespan startup must not run when TLS cannot. */
    public static final class Counting implements Application {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
            CALLS.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.get();
    }

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, text);
        return text;
    }

    @Test
    void aWrongKeystorePasswordStopsTheStartBeforeLifespan() {
        int before = Counting.CALLS.get();
        TlsSettings tls = TlsSettings.builder(new KeySource.KeyStoreFile(certs.file("server.p12"), "wrong")).build();
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PagiServer.start(new Counting(),
                ServerConfig.builder().port(0).tls(tls).build()));
        assertEquals(certs.file("server.p12") + ": wrong keystore password (--ssl-keystore-password), or the file is "
                + "damaged", e.getMessage());
        assertEquals(before, Counting.CALLS.get(), "the application was never called");
    }

    @Test
    void theLauncherExitsWithOneAndNamesTheKeystore() {
        String err = run(1, "--app", Counting.class.getName(), "--port", "0", "--ssl-keystore",
                certs.file("server.p12").toString(), "--ssl-keystore-password", "wrong");
        assertEquals("pagi-server: TLS: " + certs.file("server.p12") + ": wrong keystore password "
                + "(--ssl-keystore-password), or the file is damaged" + System.lineSeparator(), err);
    }

    @Test
    void theLauncherNamesAKeyThatIsNotTheCertificates() {
        String err = run(1, "--app", Counting.class.getName(), "--port", "0", "--ssl-cert",
                certs.file("rsa-cert.pem").toString(), "--ssl-key", certs.file("server-key.pem").toString());
        assertEquals("pagi-server: TLS: " + certs.file("server-key.pem") + ": this private key does not belong to the "
                + "certificate in " + certs.file("rsa-cert.pem") + " (CN=localhost)" + System.lineSeparator(), err);
    }

    @Test
    void theLauncherNamesACipherSuiteThisJdkLacks() {
        String err = run(1, "--app", Counting.class.getName(), "--port", "0", "--ssl-cert",
                certs.file("server-cert.pem").toString(), "--ssl-key", certs.file("server-key.pem").toString(),
                "--ssl-ciphers", "TLS_NO_SUCH_SUITE");
        assertEquals("pagi-server: TLS: this JDK does not support the cipher suite TLS_NO_SUCH_SUITE"
                + System.lineSeparator(), err);
    }

    @Test
    void anExpiredCertificateStartsTheServerWithAWarning() throws Exception {
        TlsSettings tls = TlsSettings.pem(certs.file("expired-cert.pem"), certs.file("expired-key.pem"));
        try (PagiServer server = PagiServer.start(new Counting(), ServerConfig.builder().port(0).accessLog(false)
                .lifespan(LifespanMode.OFF).loops(1).tls(tls).build())) {
            assertTrue(server.port() > 0);
        }
    }
}
