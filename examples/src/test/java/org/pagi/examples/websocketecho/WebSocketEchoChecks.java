package org.pagi.examples.websocketecho;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** What a client of example 04 sees, over any transport. */
abstract class WebSocketEchoChecks extends ExampleSessionChecks {
    /** How long the application may take to return once the client has left: far more than it needs. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** Watches every call, so a check can see the application return after the client left. */
    final CallWatcher app = new CallWatcher(new App());

    ExampleSessionClient client() {
        return serve(app);
    }

    static WebSocketMessage echoOf(String text) {
        return WebSocketMessage.text("echo: " + text);
    }

    @Test
    void echoesATextMessageWithTheEchoPrefix() {
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendText("Hello");
            assertEquals(echoOf("Hello"), ws.receive());
        }
    }

    @Test
    void echoesABinaryMessageByteForByte() {
        byte[] everyValue = new byte[256];
        for (int i = 0; i < everyValue.length; i++) {
            everyValue[i] = (byte) i; // includes 0x00 and bytes that are never valid UTF-8
        }
        Bytes payload = Bytes.of(everyValue);
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendBytes(payload);
            assertEquals(WebSocketMessage.bytes(payload), ws.receive());
        }
    }

    @Test
    void keepsNonAsciiTextIntact() {
        String text = "héllo wörld, Привет, 你好, 🌍";
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendText(text);
            assertEquals(echoOf(text), ws.receive());
        }
    }

    @Test
    void echoesEmptyMessagesOfBothKinds() {
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendText("");
            assertEquals(WebSocketMessage.text("echo: "), ws.receive());
            ws.sendBytes(Bytes.empty());
            assertEquals(WebSocketMessage.bytes(Bytes.empty()), ws.receive());
        }
    }

    @Test
    void echoesALargeBinaryMessageWhole() {
        byte[] data = new byte[1024 * 1024];
        new Random(4).nextBytes(data); // seeded: a failure replays the same bytes
        Bytes payload = Bytes.of(data);
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendBytes(payload);
            assertEquals(WebSocketMessage.bytes(payload), ws.receive());
        }
    }

    @Test
    void answersEveryMessageInTheOrderItWasSent() {
        List<WebSocketMessage> expected = new ArrayList<>();
        try (ExampleWebSocket ws = client().websocket("/")) {
            for (int i = 0; i < 20; i++) {
                if (i % 2 == 0) {
                    ws.sendText("message " + i);
                    expected.add(echoOf("message " + i));
                } else {
                    Bytes bytes = Bytes.of(new byte[] {(byte) i, (byte) 0xFF});
                    ws.sendBytes(bytes);
                    expected.add(WebSocketMessage.bytes(bytes));
                }
            }
            List<WebSocketMessage> received = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                received.add(ws.receive());
            }
            assertEquals(expected, received);
        }
    }

    @Test
    void acceptsWithoutChoosingASubprotocol() {
        try (ExampleWebSocket ws = client().websocket("/", "chat", "superchat")) {
            assertEquals(Optional.empty(), ws.subprotocol());
            ws.sendText("still there");
            assertEquals(echoOf("still there"), ws.receive());
        }
    }

    @Test
    void acceptsAHandshakeOnAnyPath() {
        try (ExampleWebSocket ws = client().websocket("/rooms/42?user=ann")) {
            ws.sendText("hi");
            assertEquals(echoOf("hi"), ws.receive());
        }
    }

    @Test
    void givesEachWebSocketItsOwnEchoes() {
        ExampleSessionClient client = client();
        try (ExampleWebSocket first = client.websocket("/"); ExampleWebSocket second = client.websocket("/")) {
            first.sendText("one");
            second.sendText("two");
            assertEquals(echoOf("two"), second.receive());
            assertEquals(echoOf("one"), first.receive());
        }
    }

    @Test
    void returnsWhenTheClientCloses() {
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendText("bye");
            assertEquals(echoOf("bye"), ws.receive());
            ws.close();
            app.awaitReturn("websocket", PROMPTLY);
        }
    }

    @Test
    void returnsWhenTheClientClosesWithACodeAndReasonOfItsOwn() {
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.close(4000, "done for today");
            app.awaitReturn("websocket", PROMPTLY);
        }
    }

    @Test
    void returnsWhenTheConnectionDropsWithoutAClose() {
        try (ExampleWebSocket ws = client().websocket("/")) {
            ws.sendText("are you there?");
            assertEquals(echoOf("are you there?"), ws.receive());
            ws.disconnect();
            app.awaitReturn("websocket", PROMPTLY);
        }
    }
}
