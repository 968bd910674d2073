package org.pagi.examples.bidirectionalwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** What a client of the bidirectional-websocket example sees, over any transport. */
abstract class BidirectionalWebSocketChecks extends ExampleSessionChecks {
    /** Ticks far apart, for checks of the echo alone. */
    static final Duration QUIET = Duration.ofHours(1);

    @Test
    void echoesTextUppercasedAndIgnoresBinary() {
        try (ExampleWebSocket ws = serve(new App(QUIET)).websocket("/")) {
            ws.sendBytes(Bytes.utf8("ignored"));
            ws.sendText("hello, wörld");
            assertEquals(WebSocketMessage.text("you said: HELLO, WÖRLD"), ws.receive());
        }
    }

    @Test
    void pushesNumberedTicksWhileEchoing() {
        try (ExampleWebSocket ws = serve(new App(Duration.ofMillis(20))).websocket("/")) {
            assertEquals(WebSocketMessage.text("server tick #1"), ws.receive(), "unprompted");
            ws.sendText("ping");
            List<String> ticks = new ArrayList<>();
            String message;
            while (!(message = text(ws.receive())).startsWith("you said: ")) {
                ticks.add(message);
            }
            assertEquals("you said: PING", message);
            ticks.add(text(ws.receive()));
            for (int i = 0; i < ticks.size(); i++) {
                assertEquals("server tick #" + (i + 2), ticks.get(i), "ticks go on, numbered, around the echo");
            }
        }
    }

    @Test
    void returnsWhenTheClientCloses() {
        CallWatcher app = new CallWatcher(new App(Duration.ofMillis(20)));
        try (ExampleWebSocket ws = serve(app).websocket("/")) {
            ws.receive();
            ws.close(1000, "bye");
        }
        app.awaitReturn("websocket", Duration.ofSeconds(5));
    }

    private static String text(WebSocketMessage message) {
        return ((WebSocketMessage.Text) message).text();
    }
}
