package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class LintTest {

    private static String failureName(Throwable f) {
        Throwable t = f instanceof CompletionException && f.getCause() != null ? f.getCause() : f;
        return t.getClass().getSimpleName();
    }

    /** Sends a body before the start, then answers what that send failed with. */
    private static final Application BODY_FIRST = (scope, receive, send) ->
            send.send(HttpResponseBody.last(Bytes.utf8("early"))).handle((v, f) -> f == null ? "delivered"
                            : failureName(f))
                    .thenCompose(outcome -> send.send(new HttpResponseStart(200, Headers.of("content-type",
                                    "text/plain")))
                            .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(outcome)))));

    @Test
    void anIllegalSendFailsWithoutReachingTheServerAndIsLoggedNamingTheEvent() {
        RecordingLogger log = new RecordingLogger();
        TestResponse res = TestClient.of(Lint.builder().logger(log).build().wrap(BODY_FIRST)).get("/bad").send();
        assertEquals(200, res.status());
        assertEquals(IllegalEventOrderException.class.getSimpleName(), res.text());
        assertEquals(1, log.lines.size(), log.lines.toString());
        RecordingLogger.Line line = log.lines.get(0);
        assertEquals(Level.ERROR, line.level());
        assertTrue(line.message().contains("http /bad") && line.message().contains("http.response.body"),
                line.message());
        assertTrue(line.thrown() instanceof IllegalEventOrderException);
    }

    @Test
    void aSecondResponseAndAWebSocketSendBeforeAcceptFail() {
        RecordingLogger log = new RecordingLogger();
        Lint lint = Lint.builder().logger(log).build();
        Application twice = (scope, receive, send) -> send.send(new HttpResponseStart(204, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())))
                .thenCompose(v -> send.send(new HttpResponseStart(200, Headers.empty())).handle((x, f) -> null));
        assertEquals(204, TestClient.of(lint.wrap(twice)).get("/twice").send().status());
        assertTrue(log.lines.get(0).message().contains("http.response.start"), log.lines.toString());

        Application early = (scope, receive, send) -> receive.receive()
                .thenCompose(c -> send.send(WebSocketSend.text("too early")).handle((v, f) -> failureName(f)))
                .thenCompose(outcome -> send.send(new WebSocketAccept())
                        .thenCompose(v -> send.send(WebSocketSend.text(outcome))))
                .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
        var ws = TestClient.of(lint.wrap(early)).websocket("/ws").connect();
        assertEquals("IllegalEventOrderException", ws.receiveText());
        ws.expectClose(1000);
        assertEquals(2, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(1).message().contains("websocket /ws") && log.lines.get(1).message()
                .contains("websocket.send"), log.lines.get(1).message());
    }

    @Test
    void anUnfinishedResponseIsLoggedAsAWarning() {
        RecordingLogger log = new RecordingLogger();
        Application unfinished = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("half"), true)));
        // The test client reports the broken response once the application has returned.
        assertThrows(AssertionError.class, () -> TestClient.of(
                Lint.builder().logger(log).build().wrap(unfinished)).get("/half").send());
        assertEquals(Level.WARNING, log.lines.get(0).level());
        assertTrue(log.lines.get(0).message().contains("UNFINISHED"), log.lines.get(0).message());
    }

    @Test
    void legalTrafficOfEveryScopeTypeIncludingHeadAndStreamsPassesUntouchedAndSilently() {
        RecordingLogger log = new RecordingLogger();
        Lint lint = Lint.builder().logger(log).build();
        PassThrough.untouched(lint, PassThrough.Kind.values());
        TestClient client = TestClient.of(lint.wrap(SecurityHeadersTest.streamed()));
        assertEquals(List.of("one ", "two"), client.get("/").send().chunks().stream().map(Bytes::utf8)
                .filter(s -> !s.isEmpty()).toList());
        assertEquals("", client.head("/").send().text());
        assertEquals(List.of(), log.lines);
    }
}
