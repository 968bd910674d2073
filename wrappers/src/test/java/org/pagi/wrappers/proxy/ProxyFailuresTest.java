package org.pagi.wrappers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.Blocking;

/**
 * What the client gets when the backend cannot be reached (502), is too slow (504) or the body is too large
 * (413), and what the backend sees when the client leaves (its request is cancelled).
 */
@Timeout(30)
class ProxyFailuresTest {

    @Test
    void aClosedBackendPortIsA502NamingTheRefusedConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ProxyRig rig = ProxyRig.startTo("http://127.0.0.1:" + closedPort, b -> b)) {
            HttpResponse<String> r = rig.client.send(HttpRequest.newBuilder(rig.url("/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, r.statusCode());
            assertEquals("Bad Gateway: the backend refused the connection\n", r.body());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        }
    }

    @Test
    void aBackendThatNeverAnswersIsA504AndItsRequestIsCancelled() throws Exception {
        CompletableFuture<Void> backendSawTheProxyLeave = new CompletableFuture<>();
        Application silent = Backends.http((scope, receive, send) -> {
            Backends.awaitDisconnect(receive); // never answers
            backendSawTheProxyLeave.complete(null);
        });
        try (ProxyRig rig = ProxyRig.start(silent, b -> b.timeout(Duration.ofMillis(300)))) {
            HttpResponse<String> r = rig.client.send(HttpRequest.newBuilder(rig.url("/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(504, r.statusCode());
            assertEquals("Gateway Timeout: the backend sent no response within PT0.3S\n", r.body());
            backendSawTheProxyLeave.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413WithoutTouchingTheBackend() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Headers> seen = new AtomicReference<>();
        Application echo = Backends.echo(seen);
        Application counted = (scope, receive, send) -> {
            if (scope instanceof HttpScope) {
                calls.incrementAndGet();
            }
            return echo.call(scope, receive, send);
        };
        try (ProxyRig rig = ProxyRig.start(counted, b -> b.maxRequestBody(1000))) {
            HttpResponse<String> r = rig.client.send(HttpRequest.newBuilder(rig.url("/upload"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1001))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode());
            assertEquals("Payload Too Large: the request body exceeds 1000 bytes\n", r.body());

            HttpResponse<String> fits = rig.client.send(HttpRequest.newBuilder(rig.url("/upload"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fits.statusCode());
            assertEquals(1, calls.get(), "only the body within the limit reached the backend");
        }
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413() throws Exception {
        try (ProxyRig rig = ProxyRig.start(Backends.echo(new AtomicReference<>()), b -> b.maxRequestBody(1000))) {
            HttpResponse<String> r = rig.client.send(HttpRequest.newBuilder(rig.url("/upload"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> Backends.pattern(5000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode());
            assertEquals("Payload Too Large: the request body exceeds 1000 bytes\n", r.body());
        }
    }

    @Test
    void aClientLeavingMidResponseCancelsTheBackendRequest() throws Exception {
        CompletableFuture<DisconnectReason> backendSawTheProxyLeave = new CompletableFuture<>();
        Application endless = Backends.http((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            http.connection().onDisconnect(backendSawTheProxyLeave::complete);
            Blocking.await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
            while (http.connection().isConnected()) { // ends only if the proxy drops the backend request
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.ascii("tick\n"))));
            }
        });
        try (ProxyRig rig = ProxyRig.start(endless, b -> b)) {
            HttpResponse<InputStream> r = rig.client.send(HttpRequest.newBuilder(rig.url("/ticks")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                assertEquals("tick\n", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            }
            rig.client.shutdownNow(); // the client's connection to the proxy goes
            assertTrue(backendSawTheProxyLeave.get(10, TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void aClientLeavingBeforeTheResponseHeadCancelsTheBackendRequest() throws Exception {
        CompletableFuture<Void> backendGotTheRequest = new CompletableFuture<>();
        CompletableFuture<Void> backendSawTheProxyLeave = new CompletableFuture<>();
        Application silent = Backends.http((scope, receive, send) -> {
            backendGotTheRequest.complete(null);
            Backends.awaitDisconnect(receive); // the default 30 s timeout is far off
            backendSawTheProxyLeave.complete(null);
        });
        try (ProxyRig rig = ProxyRig.start(silent, b -> b)) {
            try (Socket client = new Socket("127.0.0.1", rig.front.port())) {
                OutputStream out = client.getOutputStream();
                out.write("GET /wait HTTP/1.1\r\nHost: front.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                backendGotTheRequest.get(10, TimeUnit.SECONDS);
            }
            backendSawTheProxyLeave.get(10, TimeUnit.SECONDS);
        }
    }
}
