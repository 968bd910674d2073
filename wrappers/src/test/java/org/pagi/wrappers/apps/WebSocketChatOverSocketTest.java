package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.json.Json;

/** Two clients chat through the real server: welcome, join notice, messages both ways, a nickname, the leave. */
@Timeout(60)
class WebSocketChatOverSocketTest {

    private static Map<?, ?> json(ChannelAppsSocketClient ws) throws Exception {
        return Json.decode(Bytes.utf8(ws.nextText()), Map.class);
    }

    private static Map<?, ?> expect(ChannelAppsSocketClient ws, String type) throws Exception {
        Map<?, ?> m = json(ws);
        assertEquals(type, m.get("type"), "got " + m);
        return m;
    }

    @Test
    void twoClientsChatThroughTheServer() throws Exception {
        WebSocketChat chat = WebSocketChat.builder().defaultRoom("general").build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(chat, config);
                ChannelAppsSocketClient alice = ChannelAppsSocketClient.open(server.port(), "/chat", 0)) {
            assertEquals("general", expect(alice, "welcome").get("room"));
            try (ChannelAppsSocketClient bob = ChannelAppsSocketClient.open(server.port(), "/chat", 0)) {
                assertEquals("user_2", expect(bob, "welcome").get("username"));
                assertEquals("user_2", expect(alice, "user_joined").get("username"));

                alice.sendText("{\"type\":\"nick\",\"username\":\"alice\"}");
                assertEquals("alice", expect(alice, "nick").get("username"));
                alice.sendText("{\"type\":\"message\",\"message\":\"hi bob, ünïcode ok?\"}");
                Map<?, ?> m = expect(bob, "message");
                assertEquals("alice", m.get("username"));
                assertEquals("general", m.get("room"));
                assertEquals("hi bob, ünïcode ok?", m.get("message"));

                bob.sendText("{\"type\":\"message\",\"message\":\"hi alice\"}");
                assertEquals("hi alice", expect(alice, "message").get("message"));
                alice.sendText("{\"type\":\"list\",\"room\":\"general\"}");
                assertEquals(java.util.List.of("alice", "user_2"), expect(alice, "users").get("users"));
            }
            Map<?, ?> left = expect(alice, "user_left");
            assertEquals("user_2", left.get("username"));
            assertEquals("general", left.get("room"));
            alice.sendText("{\"type\":\"bogus\"}");
            assertEquals("unknown message type 'bogus'", expect(alice, "error").get("message"));
        }
    }

    @Test
    void aMessageOverTheLimitClosesItsSenderWith1009() throws Exception {
        WebSocketChat chat = WebSocketChat.builder().maxMessageSize(64).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(chat, config);
                ChannelAppsSocketClient ws = ChannelAppsSocketClient.open(server.port(), "/", 0)) {
            expect(ws, "welcome");
            ws.sendText("{\"message\":\"" + "x".repeat(100) + "\"}");
            assertEquals(new WsEvent.Close(1009, "message too big"), ws.next());
        }
    }
}
