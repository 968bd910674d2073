package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.readBody;
import static org.pagi.server.TestApps.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.server.tls.ClientAuth;
import org.pagi.server.tls.ClientHellos;
import org.pagi.server.tls.TestCertificates;
import org.pagi.server.tls.TlsSettings;
import org.pagi.server.tls.TlsTestClient;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.TlsInfo;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketDisconnect;

/**
 * HTTPS, WSS and SSE over TLS on a live server, through clients that share no code with it (the JDK's
 * {@code HttpClient}, {@code WebSocket} and {@code SSLSocket}, curl), plus raw sockets for what no proper client
 * sends. Certificates come from {@link TestCertificates}, made with keytool when the tests start.
 */
class ServerTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestCertificates certs;
    private static SSLContext trusting;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.get();
        trusting = certs.clientTrusting();
    }

    /**
     * Answers with the scope's scheme and TLS facts, one per line: scheme, version, cipher suite, client subject,
     * client chain length, whether the server certificate is there, SNI; {@code -} for what is absent.
     */
    static final Application FACTS = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
        readBody(rc, null);
        TlsInfo tls = scope.extensions().tls().orElseThrow();
        String text = String.join("\n", scope.scheme(), hex(tls.tlsVersion().orElse(-1)),
                hex(tls.cipherSuite().orElse(-1)), tls.clientCertName().orElse("-"),
                String.valueOf(tls.clientCertChain().size()), String.valueOf(tls.serverCert().isPresent()),
                scope.extensions().get(PagiServer.TLS_SERVER_NAME).map(Object::toString).orElse("-"));
        TestApps.text(sd, 200, text);
    });

    /** Echoes a request body of any size. */
    static final Application ECHO = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
        Bytes body = readBody(rc, null);
        send(sd, new HttpResponseStart(200, Headers.of("content-type", "application/octet-stream")));
        send(sd, HttpResponseBody.last(body));
    });

    private static String hex(int n) {
        return String.format("0x%04x", n);
    }

    static LiveServer server(Application app, ExecutionMode mode, TlsSettings tls) throws IOException {
        return server(app, ServerConfig.builder().executionMode(mode).tls(tls));
    }

    static LiveServer server(Application app, ServerConfig.Builder config) throws IOException {
        return new LiveServer(app, config.loops(2).shutdownGrace(Duration.ofSeconds(2)));
    }

    static LiveServer server(Application app) throws IOException {
        return server(app, ExecutionMode.VIRTUAL_THREADS, certs.serverPem().build());
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT)
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Https {
        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void servesTheJdkHttpClientWithTheTlsExtensionInTheScope(ExecutionMode mode) throws Exception {
            try (LiveServer s = server(FACTS, mode, certs.serverPem().build()); HttpClient c = client(trusting)) {
                HttpResponse<String> r = get(c, s.port(), "/facts");
                assertEquals(200, r.statusCode());
                List<String> facts = r.body().lines().toList();
                assertEquals(List.of("https", "0x0304"), facts.subList(0, 2));
                assertTrue(facts.get(2).matches("0x13\\d\\d"), "a TLS 1.3 cipher suite: " + facts.get(2));
                assertEquals(List.of("-", "0", "true", "localhost"), facts.subList(3, 7),
                        "no client certificate; the host name the client asked for (SNI)");
            }
        }

        @Test
        void speaksTls12ToAClientLimitedToIt() throws Exception {
            try (LiveServer s = server(FACTS); TlsTestClient c = TlsTestClient.connect(s.port(), trusting, "TLSv1.2")) {
                c.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                String text = c.readToEnd().text();
                assertTrue(text.startsWith("HTTP/1.1 200 OK"), text);
                assertTrue(text.contains("https\n0x0303\n"), text);
            }
        }

        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void echoesABodyOfManyRecordsByteForByte(ExecutionMode mode) throws Exception {
            byte[] body = new byte[1_000_000];
            new Random(8).nextBytes(body);
            try (LiveServer s = server(ECHO, mode, certs.serverPem().build()); HttpClient c = client(trusting)) {
                HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.port()
                        + "/echo")).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode());
                assertArrayEquals(body, r.body());
            }
        }

        @Test
        void holdsRecordsForAClientThatReadsLateAndDeliversThemAll() throws Exception {
            byte[] big = new byte[8 * 1024 * 1024];
            new Random(9).nextBytes(big);
            Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
                readBody(rc, null);
                send(sd, new HttpResponseStart(200, Headers.of("content-length", String.valueOf(big.length))));
                for (int i = 0; i < big.length; i += 100_000) {
                    send(sd, HttpResponseBody.chunk(Bytes.of(java.util.Arrays.copyOfRange(big, i,
                            Math.min(big.length, i + 100_000)))));
                }
                send(sd, HttpResponseBody.last(Bytes.empty()));
            });
            try (LiveServer s = server(app); TlsTestClient c = TlsTestClient.connect(s.port(), trusting)) {
                c.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                Thread.sleep(500); // the socket and the server's buffers fill up meanwhile
                TlsTestClient.Ending end = c.readToEnd();
                byte[] all = end.text().getBytes(StandardCharsets.ISO_8859_1);
                byte[] body = java.util.Arrays.copyOfRange(all, all.length - big.length, all.length);
                assertArrayEquals(big, body);
                assertTrue(end.closeNotify());
            }
        }

        @Test
        void holdsRecordsForAnApplicationThatReadsItsBodyLate() throws Exception {
            byte[] big = new byte[3 * 1024 * 1024];
            new Random(10).nextBytes(big);
            Application app = TestApps.onVirtualThread(HttpScope.class, (scope, rc, sd) -> {
                Thread.sleep(500); // reading pauses at the inbound high-water mark meanwhile
                Bytes body = readBody(rc, null);
                TestApps.text(sd, 200, String.valueOf(java.util.Arrays.hashCode(body.toByteArray())));
            });
            try (LiveServer s = server(app); HttpClient c = client(trusting)) {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.port()
                        + "/")).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(String.valueOf(java.util.Arrays.hashCode(big)), r.body());
            }
        }

        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void handshakesWithManyClientsAtOnce(ExecutionMode mode) throws Exception {
            try (LiveServer s = server(FACTS, mode, certs.serverPem().build())) {
                List<CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                List<HttpClient> clients = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    HttpClient c = client(certs.clientTrusting()); // a fresh context: a full handshake each
                    clients.add(c);
                    answers.add(c.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + s.port() + "/"))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> a : answers) {
                    assertEquals(200, a.get(30, TimeUnit.SECONDS).statusCode());
                }
                clients.forEach(HttpClient::close);
            }
        }

        @Test
        void servesManyRequestsOnOneConnection() throws Exception {
            try (LiveServer s = server(FACTS); HttpClient c = client(trusting)) {
                for (int i = 0; i < 20; i++) {
                    assertEquals(200, get(c, s.port(), "/" + i).statusCode());
                }
            }
        }

        @Test
        void servesFromAPkcs12Keystore() throws Exception {
            TlsSettings keystore = TlsSettings.builder(new org.pagi.server.tls.KeySource.KeyStoreFile(
                    certs.file("rsa.p12"), TestCertificates.PASSWORD)).build();
            try (LiveServer s = server(FACTS, ExecutionMode.VIRTUAL_THREADS, keystore);
                    HttpClient c = client(trusting)) {
                assertEquals(200, get(c, s.port(), "/").statusCode());
            }
        }
    }

    @Nested
    class Alpn {
        @Test
        void choosesHttp11ForAClientThatAlsoOffersH2() throws Exception {
            try (LiveServer s = server(FACTS);
                    SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", s.port())) {
                SSLParameters p = socket.getSSLParameters();
                p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                socket.setSSLParameters(p);
                socket.startHandshake();
                assertEquals("http/1.1", socket.getApplicationProtocol());
            }
        }

        @Test
        void letsAnHttp2ClientFallBackToHttp11() throws Exception {
            try (LiveServer s = server(FACTS);
                    HttpClient c = HttpClient.newBuilder().sslContext(trusting).connectTimeout(WAIT).build()) {
                HttpResponse<String> r = get(c, s.port(), "/");
                assertEquals(HttpClient.Version.HTTP_1_1, r.version());
                assertEquals(200, r.statusCode());
            }
        }
    }

    @Nested
    class Curl {
        @Test
        void curlGetsHttp11OverTlsAndTheServerNameItAskedFor() throws Exception {
            Path curl = Path.of("/usr/bin/curl");
            Assumptions.assumeTrue(Files.isExecutable(curl), "curl is not installed (apt-get install curl)");
            try (LiveServer s = server(FACTS)) {
                String url = "https://pagi.test:" + s.port() + "/facts";
                Process p = new ProcessBuilder(curl.toString(), "-k", "-s", "-S", "--max-time", "10", "--resolve",
                        "pagi.test:" + s.port() + ":127.0.0.1", "-w", "\n%{http_version}", url)
                        .redirectErrorStream(true).start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl did not finish");
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), out);
                List<String> lines = out.lines().toList();
                assertEquals("https", lines.get(0), out);
                assertEquals("pagi.test", lines.get(6), "SNI: " + out);
                assertEquals("1.1", lines.get(7), "ALPN chose HTTP/1.1: " + out);
            }
        }
    }

    @Nested
    class WebSocketsAndEvents {
        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void echoesOverWssWithTheJdkClient(ExecutionMode mode) throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = server(ServerWebSocketTest.echo(ended), mode, certs.serverPem().build());
                    HttpClient http = HttpClient.newBuilder().sslContext(trusting).build()) {
                ServerWebSocketInteropTest.Collector got = new ServerWebSocketInteropTest.Collector();
                WebSocket ws = http.newWebSocketBuilder()
                        .buildAsync(URI.create("wss://localhost:" + s.port() + "/echo"), got).get(5, TimeUnit.SECONDS);
                for (int size : new int[] {0, 125, 70_000, 1 << 20}) {
                    String text = "é".repeat(size);
                    ws.sendText(text, true).get(5, TimeUnit.SECONDS);
                    assertEquals(text, got.next());
                }
                byte[] data = new byte[300_000];
                new Random(3).nextBytes(data);
                ws.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
                assertArrayEquals(data, (byte[]) got.next());
                ws.sendClose(4000, "done").get(5, TimeUnit.SECONDS);
                assertEquals(4000, got.closed.get(5, TimeUnit.SECONDS));
                assertEquals(new WebSocketDisconnect(4000, "done"), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void theWebSocketScopeHasTheWssSchemeAndTheTlsExtension() throws Exception {
            CompletableFuture<String> seen = new CompletableFuture<>();
            Application app = ServerWebSocketTest.ws((scope, rc, sd) -> {
                seen.complete(scope.scheme() + " " + scope.extensions().tls().isPresent());
                TestApps.receive(rc);
                send(sd, new org.pagi.spec.event.WebSocketAccept());
                TestApps.receive(rc);
            });
            try (LiveServer s = server(app, ExecutionMode.VIRTUAL_THREADS, certs.serverPem().build());
                    HttpClient http = HttpClient.newBuilder().sslContext(trusting).build()) {
                WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + s.port() + "/"),
                        new ServerWebSocketInteropTest.Collector()).get(5, TimeUnit.SECONDS);
                assertEquals("wss true", seen.get(5, TimeUnit.SECONDS));
                ws.abort();
            }
        }

        @Test
        void streamsServerSentEventsOverTls() throws Exception {
            Application app = TestApps.onVirtualThread(SseScope.class, (scope, rc, sd) -> {
                send(sd, new SseStart());
                for (int i = 1; i <= 3; i++) {
                    send(sd, SseSend.event("tick", scope.scheme() + " " + i));
                }
            });
            try (LiveServer s = server(app, ExecutionMode.VIRTUAL_THREADS, certs.serverPem().build());
                    HttpClient c = client(trusting)) {
                URI events = URI.create("https://localhost:" + s.port() + "/events");
                HttpRequest request = HttpRequest.newBuilder(events).header("accept", "text/event-stream").timeout(WAIT)
                        .build();
                HttpResponse<Stream<String>> r = c.send(request, HttpResponse.BodyHandlers.ofLines());
                assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow());
                List<String> data = r.body().filter(l -> l.startsWith("data:")).toList();
                assertEquals(List.of("data: https 1", "data: https 2", "data: https 3"), data);
            }
        }
    }

    @Nested
    class ClientCertificates {
        private TlsSettings requiring() {
            return certs.serverPem().caBundle(certs.file("ca.pem")).clientAuth(ClientAuth.REQUIRE).build();
        }

        @Test
        void aClientWithoutOneIsRefused() throws Exception {
            try (LiveServer s = server(FACTS, ExecutionMode.VIRTUAL_THREADS, requiring());
                    HttpClient c = client(trusting)) {
                assertThrows(IOException.class, () -> get(c, s.port(), "/"));
                try (HttpClient alice = client(certs.clientWithCertificate())) {
                    assertEquals(200, get(alice, s.port(), "/").statusCode(), "the server is still serving");
                }
            }
        }

        @Test
        void aClientWithOneShowsItsChainInTheScope() throws Exception {
            try (LiveServer s = server(FACTS, ExecutionMode.VIRTUAL_THREADS, requiring());
                    HttpClient c = client(certs.clientWithCertificate())) {
                List<String> facts = get(c, s.port(), "/").body().lines().toList();
                assertEquals("CN=alice,O=Example", facts.get(3));
                assertEquals("2", facts.get(4), "the client's certificate and its CA's");
            }
        }

        @Test
        void requestedLetsAClientWithoutOneIn() throws Exception {
            TlsSettings requesting = certs.serverPem().caBundle(certs.file("ca.pem")).clientAuth(ClientAuth.REQUEST)
                    .build();
            try (LiveServer s = server(FACTS, ExecutionMode.VIRTUAL_THREADS, requesting);
                    HttpClient c = client(trusting)) {
                assertEquals("0", get(c, s.port(), "/").body().lines().toList().get(4));
            }
        }
    }

    @Nested
    class Refusals {
        @Test
        void aTls11ClientGetsAProtocolVersionAlertAndAClose() throws Exception {
            try (LiveServer s = server(FACTS); Socket raw = raw(s.port())) {
                raw.getOutputStream().write(ClientHellos.tls11());
                assertEquals("15030300020246", HexFormat.of().formatHex(readAll(raw.getInputStream())),
                        "one fatal protocol_version alert, then the end");
            }
        }

        @Test
        void plainHttpGetsNoResponseJustAClose() throws Exception {
            try (LiveServer s = server(FACTS); Socket raw = raw(s.port());
                    HttpClient c = client(trusting)) {
                byte[] plain = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                raw.getOutputStream().write(plain);
                assertEquals(0, readAll(raw.getInputStream()).length);
                assertEquals(200, get(c, s.port(), "/").statusCode(), "the server is still serving");
            }
        }

        @Test
        void renegotiationIsRefusedByClosingTheConnection() throws Exception {
            try (LiveServer s = server(FACTS); TlsTestClient c = TlsTestClient.connect(s.port(), trusting, "TLSv1.2");
                    HttpClient other = client(trusting)) {
                c.renegotiate();
                assertEquals("", c.readToEnd().text());
                assertEquals(200, get(other, s.port(), "/").statusCode(), "the server is still serving");
            }
        }

        @Test
        void anUnfinishedClientHelloBlocksNobodyAndIsCutOff() throws Exception {
            // The idle timeout also bounds the silences of a handshake: long enough for a loaded machine's client.
            ServerConfig.Builder config = ServerConfig.builder().tls(certs.serverPem().build())
                    .keepAliveTimeout(Duration.ofSeconds(2));
            try (LiveServer s = server(FACTS, config); Socket raw = raw(s.port()); HttpClient c = client(trusting)) {
                raw.getOutputStream().write(ClientHellos.unfinished());
                assertEquals(200, get(c, s.port(), "/").statusCode());
                long start = System.nanoTime();
                assertEquals(0, readAll(raw.getInputStream()).length);
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "cut off by the idle timeout");
            }
        }

        @Test
        void aHandshakeTrickledByteByByteIsCutOffAtTheHeaderTimeout() throws Exception {
            ServerConfig.Builder config = ServerConfig.builder().tls(certs.serverPem().build())
                    .headerTimeout(Duration.ofSeconds(1));
            try (LiveServer s = server(FACTS, config); Socket raw = raw(s.port())) {
                raw.setSoTimeout(200);
                byte[] hello = ClientHellos.tls11();
                long start = System.nanoTime();
                boolean closed = false;
                for (int i = 0; i < hello.length && !closed; i++) {
                    try {
                        raw.getOutputStream().write(hello[i]);
                        closed = raw.getInputStream().read() < 0;
                    } catch (SocketTimeoutException e) {
                        // still open: one more byte
                    } catch (IOException e) {
                        closed = true; // reset after the close
                    }
                }
                assertTrue(closed, "the server never cut the handshake off");
                long took = System.nanoTime() - start;
                assertTrue(took < Duration.ofSeconds(4).toNanos(), "took " + Duration.ofNanos(took));
            }
        }

        private static Socket raw(int port) throws IOException {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout(5000);
            return s;
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Nested
    class Closing {
        @Test
        void closeNotifyPrecedesTheTcpClose() throws Exception {
            try (LiveServer s = server(FACTS); TlsTestClient c = TlsTestClient.connect(s.port(), trusting)) {
                c.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                TlsTestClient.Ending end = c.readToEnd();
                assertTrue(end.text().startsWith("HTTP/1.1 200 OK"), end.text());
                assertTrue(end.closeNotify(), "close_notify before the FIN");
            }
        }

        @Test
        void anIdleConnectionIsClosedWithCloseNotify() throws Exception {
            // The idle timeout also bounds the silences of the handshake: long enough for a loaded machine's client.
            ServerConfig.Builder config = ServerConfig.builder().tls(certs.serverPem().build())
                    .keepAliveTimeout(Duration.ofSeconds(2));
            try (LiveServer s = server(FACTS, config); TlsTestClient c = TlsTestClient.connect(s.port(), trusting)) {
                assertTrue(c.readToEnd().closeNotify());
            }
        }

        @Test
        void theServerStopsWithOpenTlsConnections() throws Exception {
            LiveServer s = server(FACTS);
            try (TlsTestClient c = TlsTestClient.connect(s.port(), trusting)) {
                c.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                c.readUntil("\ntrue\n"); // the whole answer: the server's side of the handshake is done too
                long start = System.nanoTime();
                s.close();
                assertTrue(c.readToEnd().closeNotify());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
                assertEquals(0, s.server.openConnections());
            } finally {
                s.close();
            }
        }
    }
}
