package org.pagi.protocol.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.State;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.InboundQueue;

/**
 * What a finished exchange reports to the transport (the access log reads it): the status and body size the
 * client really got, also when the server answered in the application's place. Sans-IO: the application runs on
 * the test thread and every write lands in a list.
 */
class ExchangeCompletionTest {
    private final List<Exchange> completed = new ArrayList<>();
    private Http1Connection http;

    private Http1Connection connection(Application app) {
        ExchangeSettings settings = new ExchangeSettings(Http1Limits.defaults(), Extensions.none(), "", new State(),
                64 * 1024, 16 * 1024, ExchangeSettings.DEFAULT_DRAIN_LIMIT, () -> 0L, new HttpDate());
        ExchangeOutput out = new ExchangeOutput() {
            @Override
            public void write(ByteBuffer[] buffers, Runnable onFlushed) {
                onFlushed.run();
            }

            @Override
            public void startApplication(RequestScope scope, InboundQueue inbound, Exchange exchange) {
                app.call(scope, inbound::receive, e -> http.send(exchange, e)).whenComplete((v, t) ->
                        http.applicationFinished(exchange, t instanceof CompletionException c ? c.getCause() : t));
            }

            @Override
            public void later(Runnable task) {
                task.run();
            }

            @Override
            public void pauseReading() {
            }

            @Override
            public void resumeReading() {
            }

            @Override
            public void close(boolean abort) {
            }

            @Override
            public void completed(Exchange exchange) {
                completed.add(exchange);
            }

            @Override
            public void problem(String message, Throwable cause) {
            }
        };
        http = new Http1Connection(settings, new ConnectionInfo(false, java.util.Optional.empty(), java.util.Optional.empty(), ""),
                out, UnaryOperator.identity());
        return http;
    }

    private void receive(String raw) {
        http.received(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void reportsTheApplicationsStatusAndBodySize() {
        connection((scope, receive, send) -> send.send(new HttpResponseStart(201, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("made")))));
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(1, completed.size());
        assertEquals(201, completed.get(0).status());
        assertEquals(4, completed.get(0).bodyBytes());
    }

    @Test
    void reportsTheBackstop500ThatTheServerSentForTheApplication() {
        connection((scope, receive, send) -> CompletableFuture.completedFuture(null));
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(500, completed.get(0).status());
        assertEquals("500 Internal Server Error\n".length(), completed.get(0).bodyBytes());
    }

    @Test
    void reportsTheRefusalOfAWebSocketHandshake() {
        connection((scope, receive, send) -> receive.receive().thenCompose(connect -> send.send(new WebSocketClose())));
        receive("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertEquals(403, completed.get(0).status());
        assertEquals("403 Forbidden\n".length(), completed.get(0).bodyBytes());
    }

    @Test
    void anIdleConnectionGivesBackTheInputBufferALargeUploadGrewAtItsNextTick() {
        connection((scope, receive, send) -> receive.receive()
                .thenCompose(body -> send.send(new HttpResponseStart(204, Headers.empty())))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty()))));
        String upload = "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100_000);
        receive(upload + upload); // the second one waits in the input buffer while the first is answered
        assertEquals(2, completed.size());
        assertEquals(204, completed.get(1).status());
        assertTrue(http.inputCapacity() > 64 * 1024, "kept while uploads may follow");
        http.tick();
        assertEquals(4096, http.inputCapacity(), "given back once a tick finds the connection idle");
    }
}
