package org.pagi.wrappers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;

/** The proxy driven in process by {@link TestClient}, forwarding to a real backend server. */
@Timeout(30)
class ProxyTestClientTest {

    private static PagiServer backend(Application app) throws Exception {
        return PagiServer.start(app, ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    @Test
    void aPostIsForwardedWithTheClientAddressInTheChain() throws Exception {
        AtomicReference<Headers> seen = new AtomicReference<>();
        try (PagiServer server = backend(Backends.echo(seen));
                Proxy proxy = Proxy.to("http://127.0.0.1:" + server.port()).build()) {
            TestClient client = TestClient.builder(proxy).clientAddress(Endpoint.of("198.51.100.7", 5555)).build();
            TestResponse r = client.post("/notes").text("hello").send();
            assertEquals(200, r.status());
            assertEquals("POST /notes\nhello", r.text());
            assertEquals("echo", r.header("x-backend").orElseThrow());
            assertEquals("198.51.100.7", seen.get().first("x-forwarded-for").orElseThrow());
        }
    }

    @Test
    void aDisconnectingTestClientCancelsTheBackendRequest() throws Exception {
        CompletableFuture<DisconnectReason> backendSawTheProxyLeave = new CompletableFuture<>();
        Application endless = Backends.http((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            http.connection().onDisconnect(backendSawTheProxyLeave::complete);
            Blocking.await(send.send(new HttpResponseStart(200, Headers.empty())));
            while (http.connection().isConnected()) {
                Blocking.await(send.send(HttpResponseBody.chunk(Bytes.ascii("tick\n"))));
            }
        });
        try (PagiServer server = backend(endless);
                Proxy proxy = Proxy.to("http://127.0.0.1:" + server.port()).build()) {
            StreamingResponse stream = TestClient.of(proxy).get("/ticks").stream();
            assertEquals(200, stream.awaitStart().status());
            assertEquals(Bytes.ascii("tick\n"), stream.nextChunk().orElseThrow().slice(0, 5));
            stream.disconnect();
            backendSawTheProxyLeave.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWebSocketIsNotProxied() throws Exception {
        try (Proxy proxy = Proxy.to("http://127.0.0.1:9").build()) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> TestClient.of(proxy).websocket("/ws").connect());
            Throwable cause = e;
            while (cause != null && !(cause instanceof UnsupportedScopeException)) {
                cause = cause.getCause();
            }
            assertEquals(UnsupportedScopeException.class, cause == null ? e.getClass() : cause.getClass(), e.toString());
        }
    }
}
