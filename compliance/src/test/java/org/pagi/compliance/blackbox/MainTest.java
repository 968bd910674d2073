package org.pagi.compliance.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pagi.compliance.ConformanceApp;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** The command line: exit codes, the closing line, the report, and usage errors. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static PagiServer start(Application app) throws java.io.IOException {
        return PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(1)).build());
    }

    @Test
    void printsALinePerCaseAndTheClosingLineAndExitsZeroWhenAllPass(@TempDir Path dir) throws Exception {
        try (PagiServer s = start(new ConformanceApp())) {
            Path report = dir.resolve("report.md");
            int code = run("--url", "http://127.0.0.1:" + s.port(), "--category", "http", "--report", report.toString(),
                    "--label", "server-jdk direct");
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            assertTrue(text.contains("PASS http.hello"), text);
            assertTrue(text.strip().endsWith(" passed, 0 failed"), text);
            String md = Files.readString(report);
            assertTrue(md.startsWith("# Wire suite: server-jdk direct"), md);
            assertTrue(md.contains("| `http.hello` |"), md);
        }
    }

    @Test
    void exitsOneAndSaysWhyWhenACaseFails() throws Exception {
        Application wrong = (scope, receive, send) -> scope instanceof HttpScope
                ? send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                        .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("Hello from elsewhere"))))
                : CompletableFuture.failedFuture(new org.pagi.spec.UnsupportedScopeException(scope));
        try (PagiServer s = start(wrong)) {
            int code = run("--url", "http://127.0.0.1:" + s.port(), "--category", "http");
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(text.contains("FAIL http.hello"), text);
            assertTrue(text.contains("expected 'Hello from PAGI!', got 'Hello from elsewhere'"), text);
            assertTrue(text.strip().matches("(?s).*\\d+ passed, [1-9]\\d* failed"), text);
        }
    }

    @Test
    void listsTheCasesWithTheirRulesWithoutAServer() {
        assertEquals(0, run("--list", "--category", "http"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("http.missing-host-400  [RFC 9112 section 3.2"));
    }

    @Test
    void exitsTwoForABadCommandLine() {
        assertEquals(2, run("--category", "http"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url is required"));
        assertEquals(2, run("--url", "http://x", "--category", "smtp"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown category 'smtp'"));
        assertEquals(2, run("--url", "ftp://x:1"));
    }

    @Test
    void tlsCasesAskedForWithAnHttpUrlFailSayingWhy() throws Exception {
        try (PagiServer s = start(new ConformanceApp())) {
            int code = run("--url", "http://127.0.0.1:" + s.port(), "--category", "tls");
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(text.contains("FAIL tls.tls13-handshake"), text);
            assertTrue(text.contains("the target is not https"), text);
            assertTrue(text.strip().endsWith("\n0 passed, " + WireSuite.all().cases(java.util.Set.of(Category.TLS))
                    .size() + " failed"), text);
        }
    }

    @Test
    void everyCategoryAgainstAnHttpUrlLeavesTlsOutWithANote() throws Exception {
        // A server that refuses every connection at once: only which cases run and the note matter here.
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            run("--url", "http://127.0.0.1:" + port, "--timeout", "0.2");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("note: tls: the target is http; TLS cases need an https URL"), text);
        assertFalse(text.contains(" tls."), text);
        assertTrue(text.contains(" http.hello"), text);
    }

    @Test
    void anHttpsUrlRunsTheTlsCasesTrustingAnyCertificateOrTheTrustStore() throws Exception {
        try (PagiServer s = PagiServer.start(new ConformanceApp(), ServerConfig.builder().host("127.0.0.1").port(0)
                .accessLog(false).shutdownGrace(Duration.ofSeconds(1)).tls(TestKeystore.settings()).build())) {
            String url = "https://127.0.0.1:" + s.port();
            assertEquals(0, run("--url", url, "--category", "tls", "--insecure"), out.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("PASS tls.close-notify-tls13"));
            out.reset();
            assertEquals(0, run("--url", url, "--category", "tls", "--trust-store", TestKeystore.certificate()
                    .toString()), out.toString(StandardCharsets.UTF_8));
            out.reset();
            assertEquals(1, run("--url", url, "--category", "tls", "--trust-store", TestKeystore.otherCertificate()
                    .toString()));
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("FAIL tls.tls13-handshake"), text);
            assertTrue(text.contains("the handshake failed"), text);
        }
    }

    @Test
    void trustStoreOptionsAreCheckedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path notCerts = Files.writeString(dir.resolve("x.pem"), "not a certificate");
        assertEquals(2, run("--url", "https://127.0.0.1:1", "--trust-store", notCerts.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not X.509 certificates"));
        assertEquals(2, run("--url", "http://127.0.0.1:1", "--trust-store", TestKeystore.certificate().toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--trust-store needs an https:// URL"));
        assertEquals(2, run("--url", "https://127.0.0.1:1", "--insecure", "--trust-store", notCerts.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exclude each other"));
    }
}
