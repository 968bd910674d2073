package org.pagi.examples.websocketechov2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.wrappers.websocket.Closed;

/** What a client of websocket-echo-v2 sees, over any transport, and the close its handler is told of. */
abstract class WebSocketEchoV2Checks extends ExampleSessionChecks {
    /** How long the application may take to return once the client has left: far more than it needs. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final CallWatcher app = new CallWatcher(new App(closed::complete));

    private ExampleWebSocket open(String path) {
        return serve(app).websocket(path);
    }

    private Closed closedWithin() throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void echoesTextWithThePrefixKeepingEveryCharacter() {
        try (ExampleWebSocket ws = open("/")) {
            for (String text : List.of("Hello", "", "héllo, Привет, 你好, 🌍")) {
                ws.sendText(text);
                assertEquals(WebSocketMessage.text("echo: " + text), ws.receive());
            }
        }
    }

    @Test
    void skipsBinaryMessagesAndCarriesOn() {
        try (ExampleWebSocket ws = open("/")) {
            ws.sendBytes(Bytes.of(new byte[] {0, (byte) 0xFF}));
            ws.sendText("after the bytes");
            assertEquals(WebSocketMessage.text("echo: after the bytes"), ws.receive(), "nothing came for the bytes");
        }
    }

    @Test
    void answersInOrderOnAnyPathWithoutASubprotocol() {
        ExampleWebSocket ws = serve(app).websocket("/any/path?x=1", "chat");
        assertEquals(Optional.empty(), ws.subprotocol());
        IntStream.range(0, 10).forEach(i -> ws.sendText("m" + i));
        assertEquals(IntStream.range(0, 10).mapToObj(i -> WebSocketMessage.text("echo: m" + i)).toList(),
                IntStream.range(0, 10).mapToObj(i -> ws.receive()).toList());
        ws.close();
    }

    @Test
    void returnsAndIsToldTheCodeWhenTheClientCloses() throws Exception {
        ExampleWebSocket ws = open("/");
        ws.close(4000, "done for today");
        app.awaitReturn("websocket", PROMPTLY);
        assertEquals(4000, closedWithin().code());
    }

    @Test
    void returnsAndIsToldWhenTheConnectionDrops() throws Exception {
        ExampleWebSocket ws = open("/");
        ws.sendText("still there?");
        ws.receive();
        ws.disconnect();
        app.awaitReturn("websocket", PROMPTLY);
        assertEquals(1006, closedWithin().code());
    }
}
