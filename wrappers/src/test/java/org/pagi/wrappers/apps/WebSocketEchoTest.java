package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

@Timeout(20)
class WebSocketEchoTest {

    @Test
    void echoesTextAsTextAndBinaryAsBinary() {
        TestClient client = TestClient.of(WebSocketEcho.create());
        try (WebSocketSession ws = client.websocket("/echo").connect()) {
            ws.sendText("Hello");
            assertEquals("Hello", ws.receiveText());
            ws.sendBytes(Bytes.of(new byte[] {0, 1, 2}));
            assertEquals(Bytes.of(new byte[] {0, 1, 2}), ws.receiveBytes());
            ws.sendText("");
            assertEquals("", ws.receiveText(), "an empty message is a message too");
        }
    }

    @Test
    void runsTheCallbacksWithTheSocketAndTheClientsCloseCode() {
        List<String> seen = new CopyOnWriteArrayList<>();
        WebSocketEcho echo = WebSocketEcho.builder()
                .onConnect(ws -> seen.add("connect " + ws.path()))
                .onDisconnect((ws, closed) -> seen.add("disconnect " + ws.path() + " " + closed.code()))
                .build();
        WebSocketSession ws = TestClient.of(echo).websocket("/room").connect();
        ws.sendText("x");
        ws.receiveText();
        ws.close(1001, "going away");
        assertEquals(List.of("connect /room", "disconnect /room 1001"), seen);
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() {
        TestClient client = TestClient.of(WebSocketEcho.builder().maxMessageSize(8).build());
        try (WebSocketSession ws = client.websocket("/").connect()) {
            ws.sendText("12345678");
            assertEquals("12345678", ws.receiveText());
            ws.sendText("123456789");
            assertEquals(1009, ws.expectClose(1009).code());
        }
    }

    @Test
    void anotherScopeTypeFailsAndBadSettingsAreRefusedByName() {
        TestClient client = TestClient.builder(WebSocketEcho.create()).raiseAppExceptions(false).build();
        assertEquals(500, client.get("/").send().status());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketEcho.builder().maxMessageSize(0));
        assertTrue(e.getMessage().startsWith("maxMessageSize"), e.getMessage());
    }
}
