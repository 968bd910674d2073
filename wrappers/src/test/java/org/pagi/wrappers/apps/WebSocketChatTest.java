package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** Upstream's chat protocol through the test client: each message type, its fields, and the errors. */
@Timeout(20)
class WebSocketChatTest {

    private static JsonNode next(WebSocketSession ws) {
        return ws.receiveJson();
    }

    private static JsonNode expect(WebSocketSession ws, String type) {
        JsonNode m = next(ws);
        assertEquals(type, m.get("type").asText(), "got " + m);
        return m;
    }

    /** Connects and reads the welcome, so that users join in a known order. */
    private static WebSocketSession enter(TestClient client) {
        WebSocketSession ws = client.websocket("/chat").connect();
        expect(ws, "welcome");
        return ws;
    }

    private static String error(WebSocketSession ws) {
        return expect(ws, "error").get("message").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }

    @Test
    void aNewClientIsWelcomedIntoTheLobbyAndAnnouncedToTheOthers() {
        TestClient client = TestClient.of(WebSocketChat.create());
        try (WebSocketSession a = client.websocket("/chat").connect()) {
            JsonNode welcome = expect(a, "welcome");
            assertEquals(1, welcome.get("user_id").asLong());
            assertEquals("user_1", welcome.get("username").asText());
            assertEquals("lobby", welcome.get("room").asText());
            assertEquals(4, welcome.size(), "type, user_id, username, room: " + welcome);
            WebSocketSession b = client.websocket("/chat").connect();
            assertEquals("user_2", expect(b, "welcome").get("username").asText());
            JsonNode joined = expect(a, "user_joined");
            assertEquals(Map.of("type", "user_joined", "room", "lobby", "user_id", "2", "username", "user_2"),
                    Map.of("type", joined.get("type").asText(), "room", joined.get("room").asText(),
                            "user_id", joined.get("user_id").asText(), "username", joined.get("username").asText()));
            b.close();
        }
    }

    @Test
    void aMessageReachesTheRoomsOtherMembersWithItsFieldsAndNotTheSender() {
        TestClient client = TestClient.of(WebSocketChat.create());
        try (WebSocketSession a = enter(client); WebSocketSession b = enter(client)) {
            expect(a, "user_joined");
            long before = System.currentTimeMillis() / 1000;
            a.sendText("{\"type\":\"message\",\"message\":\"hello <b>\"}");
            JsonNode m = expect(b, "message");
            assertEquals("lobby", m.get("room").asText());
            assertEquals(1, m.get("user_id").asLong());
            assertEquals("user_1", m.get("username").asText());
            assertEquals("hello <b>", m.get("message").asText());
            assertTrue(m.get("timestamp").asLong() >= before && m.get("timestamp").asLong() <= before + 60, m.toString());
            b.sendText("{\"message\":\"no type means message\"}");
            assertEquals("no type means message", expect(a, "message").get("message").asText(),
                    "a's next message is b's: its own never came back");
        }
    }

    @Test
    void joinLeaveListAndRoomsAnswerAsUpstream() {
        TestClient client = TestClient.of(WebSocketChat.create());
        try (WebSocketSession a = enter(client); WebSocketSession b = enter(client)) {
            expect(a, "user_joined");
            a.sendText("{\"type\":\"join\",\"room\":\"dev\"}");
            assertEquals("dev", expect(a, "joined").get("room").asText());
            b.sendText("{\"type\":\"list\",\"room\":\"dev\"}");
            JsonNode users = expect(b, "users");
            assertEquals("dev", users.get("room").asText());
            assertEquals(List.of("user_1"), texts(users.get("users")));
            b.sendText("{\"type\":\"rooms\"}");
            assertEquals(List.of("{\"name\":\"dev\",\"count\":1}", "{\"name\":\"lobby\",\"count\":2}"),
                    texts(expect(b, "rooms").get("rooms")));

            b.sendText("{\"type\":\"join\",\"room\":\"dev\"}");
            expect(b, "joined");
            assertEquals("user_2", expect(a, "user_joined").get("username").asText());
            a.sendText("{\"type\":\"message\",\"room\":\"dev\",\"message\":\"dev only\"}");
            JsonNode m = expect(b, "message");
            assertEquals("dev", m.get("room").asText());
            a.sendText("{\"message\":\"everywhere\"}");
            List<String> rooms = new ArrayList<>(List.of(expect(b, "message").get("room").asText(),
                    expect(b, "message").get("room").asText()));
            rooms.sort(null);
            assertEquals(List.of("dev", "lobby"), rooms, "without a room, a message goes to every room of the sender");

            a.sendText("{\"type\":\"leave\",\"room\":\"dev\"}");
            assertEquals("dev", expect(a, "left").get("room").asText());
            JsonNode left = expect(b, "user_left");
            assertEquals("dev", left.get("room").asText());
            assertEquals(1, left.get("user_id").asLong());
            a.sendText("{\"type\":\"join\"}");
            assertEquals("lobby", expect(a, "joined").get("room").asText(), "join without a room: the default room");
        }
    }

    @Test
    void nickKeepsWordCharactersAndDashesUpToTwentyAndRenamesEverywhere() {
        TestClient client = TestClient.of(WebSocketChat.create());
        try (WebSocketSession a = enter(client)) {
            a.sendText("{\"type\":\"nick\",\"username\":\"Bob <script>al-1_\"}");
            assertEquals("Bobscriptal-1_", expect(a, "nick").get("username").asText());
            a.sendText("{\"type\":\"nick\",\"username\":\"Zoë_" + "x".repeat(30) + "\"}");
            assertEquals("Zoë_" + "x".repeat(16), expect(a, "nick").get("username").asText());
            a.sendText("{\"type\":\"list\",\"room\":\"lobby\"}");
            assertEquals(List.of("Zoë_" + "x".repeat(16)), texts(expect(a, "users").get("users")));
            a.sendText("{\"type\":\"nick\",\"username\":\"<>!\"}");
            assertEquals("username needs a letter, digit, '_' or '-'", error(a));
        }
    }

    @Test
    void aNewRoomBeyondMaxRoomsIsRefusedWithUpstreamsError() {
        WebSocketChat chat = WebSocketChat.builder().maxRooms(2).build();
        TestClient client = TestClient.of(chat);
        try (WebSocketSession a = enter(client)) {
            a.sendText("{\"type\":\"join\",\"room\":\"one\"}");
            expect(a, "joined");
            a.sendText("{\"type\":\"join\",\"room\":\"two\"}");
            assertEquals("Max rooms reached", error(a));
            a.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
            expect(a, "joined");
            assertEquals(2, chat.roomCount());
        }
    }

    @Test
    void badInputGetsAnErrorNamingItAndTheConnectionStays() {
        TestClient client = TestClient.of(WebSocketChat.create());
        try (WebSocketSession a = enter(client)) {
            a.sendText("{not json");
            assertTrue(error(a).startsWith("a message must be JSON: "));
            a.sendText("[1,2]");
            assertEquals("a message must be a JSON object", error(a));
            a.sendBytes(Bytes.utf8("{\"type\":\"rooms\"}"));
            assertEquals("binary messages are not understood: send JSON text", error(a));
            a.sendText("{\"type\":\"dance\"}");
            assertEquals("unknown message type 'dance'", error(a));
            a.sendText("{\"type\":7}");
            assertEquals("type must be a string", error(a));
            a.sendText("{\"type\":\"leave\",\"room\":\"dev\"}");
            assertEquals("not in room 'dev'", error(a));
            a.sendText("{\"type\":\"leave\"}");
            assertEquals("leave needs a room", error(a));
            a.sendText("{\"type\":\"list\",\"room\":\"nowhere\"}");
            assertEquals("no room 'nowhere'", error(a));
            a.sendText("{\"type\":\"join\",\"room\":\"" + "r".repeat(65) + "\"}");
            assertEquals("room must be 1 to 64 characters, got 65", error(a));
            a.sendText("{\"type\":\"join\",\"room\":\"a\\u0000b\"}");
            assertEquals("room must not hold control characters", error(a));
            a.sendText("{\"type\":\"message\",\"room\":\"dev\",\"message\":\"x\"}");
            assertEquals("not in room 'dev'", error(a));
            a.sendText("{\"type\":\"message\",\"message\":42}");
            assertEquals("message must be a string", error(a));
            a.sendText("{\"type\":\"rooms\"}");
            expect(a, "rooms");
        }
    }

    @Test
    void closingLeavesEveryRoomAndTellsTheOthers() {
        WebSocketChat chat = WebSocketChat.create();
        TestClient client = TestClient.of(chat);
        try (WebSocketSession a = enter(client)) {
            WebSocketSession b = enter(client);
            expect(a, "user_joined");
            b.sendText("{\"type\":\"join\",\"room\":\"solo\"}");
            expect(b, "joined");
            assertEquals(2, chat.roomCount());
            b.close();
            JsonNode left = expect(a, "user_left");
            assertEquals("lobby", left.get("room").asText());
            assertEquals("user_2", left.get("username").asText());
            assertEquals(1, chat.roomCount(), "the empty room went");
            a.sendText("{\"type\":\"list\",\"room\":\"lobby\"}");
            assertEquals(List.of("user_1"), texts(expect(a, "users").get("users")));
        }
    }

    @Test
    void aUserWhoseQueueFillsIsDroppedWith1008AndLeavesItsRooms() {
        WebSocketChat chat = WebSocketChat.builder().maxQueuedMessages(2).build();
        CompletableFuture<Void> gate = new CompletableFuture<>(); // never opens
        // The user on /slow takes no message, as a client that stopped reading.
        Application gated = (scope, receive, send) -> chat.call(scope, receive,
                ((WebSocketScope) scope).path().equals("/slow")
                        ? (Send) e -> e instanceof WebSocketSend ? gate.thenCompose(v -> send.send(e)) : send.send(e)
                        : send);
        TestClient client = TestClient.of(gated);
        // The slow user's announcement must be out before the fast one subscribes, or the fast one reads it first.
        CompletableFuture<Void> slowAnnounced = new CompletableFuture<>();
        chat.channel().subscribe(chat.topicOf("lobby"), new ChannelListener() {
            @Override
            public void onMessage(ChannelMessage message) {
                slowAnnounced.complete(null);
            }

            @Override
            public void onFailure(Throwable cause) {
                slowAnnounced.completeExceptionally(cause);
            }
        }).toCompletableFuture().join();
        WebSocketSession slow = client.websocket("/slow").connect();   // its welcome is in flight, held
        slowAnnounced.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        try (WebSocketSession fast = client.websocket("/fast").connect()) {
            expect(fast, "welcome");                                   // user_joined waits for slow (1)
            fast.sendText("{\"message\":\"one\"}");                   // waits (2)
            fast.sendText("{\"message\":\"two\"}");                   // one more: slow is dropped
            JsonNode left = expect(fast, "user_left");
            assertEquals("user_1", left.get("username").asText(), "the dropped user left the lobby at once");
            assertEquals("too slow: send queue full", slow.expectClose(1008).reason());
            slow.close();
            assertEquals(1, chat.roomCount());
        }
    }

    @Test
    void withKeepaliveTheServerIsAskedToPingEachUser() {
        TestClient client = TestClient.of(WebSocketChat.builder().keepalive(Duration.ofSeconds(30)).build());
        try (WebSocketSession a = enter(client)) {
            assertEquals(Duration.ofSeconds(30), a.keepalive().orElseThrow().interval());
            assertEquals(Duration.ofSeconds(30), a.keepalive().orElseThrow().timeout().orElseThrow());
        }
    }

    @Test
    void aChannelThatFailsClosesTheUsersWith1011() {
        InMemoryChannel channel = InMemoryChannel.create();
        TestClient client = TestClient.of(WebSocketChat.builder().channel(channel).build());
        try (WebSocketSession a = enter(client)) {
            channel.close();
            assertEquals("channel failed", a.expectClose(1011).reason());
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebSocketChat.builder().maxRooms(0))
                .getMessage().startsWith("maxRooms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebSocketChat.builder().defaultRoom(""))
                .getMessage().startsWith("defaultRoom"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebSocketChat.builder().topicPrefix("a\n"))
                .getMessage().startsWith("topicPrefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebSocketChat.builder().maxQueuedBytes(0))
                .getMessage().startsWith("maxQueuedBytes"));
    }
}
