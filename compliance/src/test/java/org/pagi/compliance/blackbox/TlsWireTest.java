package org.pagi.compliance.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;

/**
 * The TLS cases' tools checked against known answers: the hand-built ClientHello is one a TLS 1.2 server accepts (so
 * its refusal as TLS 1.1 or 1.0 means something), and the {@code close_notify} check tells a clean close from a
 * bare TCP close.
 */
class TlsWireTest {
    @Test
    void theHandBuiltHelloIsRealTls12AndServerJdkRefusesItsOlderVersions() throws IOException {
        try (PagiServer server = WireSuiteTlsLiveTest.start(ExecutionMode.VIRTUAL_THREADS)) {
            Target t = Target.parse("https://127.0.0.1:" + server.port(), Duration.ofSeconds(5));
            TlsWire.Answer tls12 = TlsWire.answerTo(t, TlsWire.clientHello(0x0303, t.host()));
            assertEquals(0x0303, tls12.helloVersion(), tls12.describe());
            for (int old : new int[] {0x0302, 0x0301}) {
                TlsWire.Answer a = TlsWire.answerTo(t, TlsWire.clientHello(old, t.host()));
                assertTrue(a.refused(), a.describe());
                assertEquals(70, a.alert(), a.describe()); // protocol_version, as server-jdk documents
            }
            TlsWire.Answer plain = TlsWire.answerTo(t, Wire.latin1(Wire.get(t, "/")));
            assertTrue(plain.refused(), plain.describe());
        }
    }

    @Test
    void closeNotifyIsToldApartFromABareTcpClose() throws Exception {
        KeyStore ks = KeyStore.getInstance(TestKeystore.dir().resolve("server.p12").toFile(),
                TestKeystore.PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestKeystore.PASSWORD.toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        for (boolean clean : new boolean[] {true, false}) {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOnce(server, listener, clean));
                Target t = Target.parse("https://127.0.0.1:" + listener.getLocalPort(), Duration.ofSeconds(5));
                TlsWire.Exchange e = TlsWire.exchange(t, TlsClient.engine(t, TlsClient.only("TLSv1.3")),
                        Wire.latin1("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
                served.join();
                assertTrue(e.response().endsWith("Hello from PAGI!"), e.response());
                assertEquals(clean, e.closeNotify(), clean ? "a close_notify was missed" : "a bare close was taken "
                        + "for close_notify");
            }
        }
    }

    /** Answers one request, then closes with close_notify when {@code clean}, else closes TCP under TLS. */
    private static void serveOnce(SSLContext ctx, ServerSocket listener, boolean clean) {
        try (Socket raw = listener.accept()) {
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, null, raw.getPort(), false);
            tls.setUseClientMode(false);
            InputStream in = tls.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            String response = "HTTP/1.1 200 OK\r\nContent-Length: 16\r\nConnection: close\r\n\r\nHello from PAGI!";
            tls.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            tls.getOutputStream().flush();
            if (clean) {
                tls.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
