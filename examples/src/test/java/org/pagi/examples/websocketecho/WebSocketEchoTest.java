package org.pagi.examples.websocketecho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** Example 04 through the in-process test client, plus what only an in-process test can see. */
class WebSocketEchoTest extends WebSocketEchoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void acceptsThenSendsOneMessagePerMessageAndNeverClosesItself() {
        Recorder recorder = new Recorder(new App());
        Bytes bytes = Bytes.of(new byte[] {0, 1, (byte) 0xFE});
        try (WebSocketSession ws = TestClient.of(recorder).websocket("/").connect()) {
            ws.sendText("a");
            assertEquals("echo: a", ws.receiveText());
            ws.sendBytes(bytes);
            assertEquals(bytes, ws.receiveBytes());
        }
        // No websocket.close: closing is left to the client, and the call ends with its disconnect.
        assertEquals(List.of(new WebSocketAccept(), WebSocketSend.text("echo: a"), WebSocketSend.bytes(bytes)),
                recorder.sent());
    }

    @Test
    void answersAMessageSentJustBeforeTheClientsClose() {
        Recorder recorder = new Recorder(new App());
        WebSocketSession ws = TestClient.of(recorder).websocket("/").connect();
        ws.sendText("last words");
        ws.close(); // the Close frame follows the message, so the application reads the message first
        assertEquals(List.of(new WebSocketAccept(), WebSocketSend.text("echo: last words")), recorder.sent());
    }

    @Test
    void returnsFromCallAtOnceAndRunsTheSessionOnAVirtualThreadOfItsOwn() throws Exception {
        CompletableFuture<Event> connect = new CompletableFuture<>();
        CompletableFuture<Event> closed = CompletableFuture.completedFuture(new WebSocketDisconnect(1000, ""));
        Iterator<CompletableFuture<Event>> script = List.of(connect, closed).iterator();
        Receive receive = script::next;
        CompletableFuture<Thread> sender = new CompletableFuture<>();
        Send send = event -> {
            sender.complete(Thread.currentThread());
            return CompletableFuture.completedFuture(null);
        };

        CompletableFuture<Void> call = new App().call(scope(), receive, send).toCompletableFuture();
        assertFalse(call.isDone(), "call() returned while its first receive is still pending");

        connect.complete(new WebSocketConnect());
        call.get(5, TimeUnit.SECONDS);
        assertTrue(sender.join().isVirtual(), "sent from " + sender.join());
        assertNotSame(Thread.currentThread(), sender.join());
    }

    @Test
    void failsWhenTheFirstEventIsNotWebSocketConnect() {
        Receive receive = () -> CompletableFuture.completedFuture(WebSocketReceive.text("too early"));
        Send send = event -> CompletableFuture.completedFuture(null);
        CompletableFuture<Void> call = new App().call(scope(), receive, send).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("expected websocket.connect first, got websocket.receive", e.getCause().getMessage());
    }

    @Test
    void refusesHttpAndSseScopes() {
        TestClient client = TestClient.of(new App());
        assertThrows(UnsupportedScopeException.class, () -> client.get("/").send());
        assertThrows(UnsupportedScopeException.class, () -> client.sse("/").open());
    }

    @Test
    void declinesLifespanSoTheServerCarriesOnWithoutIt() {
        LifespanSession lifespan = TestClient.of(new App()).lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
        assertInstanceOf(UnsupportedScopeException.class, lifespan.declineCause().orElseThrow());
    }

    /** A real WebSocket scope, as a server builds it, for calling the application by hand. */
    private static WebSocketScope scope() {
        try (WebSocketSession ws = TestClient.of(new App()).websocket("/").connect()) {
            return ws.scope();
        }
    }
}
