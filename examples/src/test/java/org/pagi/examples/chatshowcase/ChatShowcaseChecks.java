package org.pagi.examples.chatshowcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.ExampleSseStream;
import org.pagi.examples.support.ExampleWebSocket;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.SseMessage;
import org.pagi.wrappers.json.Json;

/**
 * What a client of the chat sees, over any transport: the page, the API, the WebSocket protocol (greeting, rooms,
 * messages, commands, presence and resume) and the SSE stream. websocket-chat-v2 runs the same checks on its own
 * application ({@link #chat(ChatOptions)}), since only its WebSocket handler is written differently. A little
 * over 400 lines: the one list of chat checks that six test classes run.
 */
public abstract class ChatShowcaseChecks extends ExampleSessionChecks {
    /** Timers no check reaches, so nothing but the check's own actions sends a message. */
    protected static final ChatOptions QUIET = ChatOptions.defaults().withPresenceGrace(Duration.ofHours(1))
            .withStatsInterval(Duration.ofHours(1)).withPingInterval(Duration.ofHours(1));
    /** A grace period short enough to wait for. */
    protected static final Duration SHORT = Duration.ofMillis(200);

    /** @return the application under test with {@code options} */
    protected Application chat(ChatOptions options) {
        return new App(options);
    }

    /** A user of the chat: its socket and what the server told it. */
    protected record User(ExampleWebSocket ws, String name, String sessionId, String userId) {
        /** @return the next JSON message */
        public Map<String, Object> next() {
            return json(ws.receive());
        }

        /** @return the next message, checked to be of {@code type} */
        public Map<String, Object> next(String type) {
            Map<String, Object> message = next();
            assertEquals(type, message.get("type"), "expected a " + type + " message, got " + message);
            return message;
        }

        /** Sends {@code fields} (names and values in turn) as a JSON object. */
        public void send(Object... fields) {
            ws.sendText(Json.encode(Fields.of(fields)).utf8());
        }

        /** Sends chat text to {@code room}. */
        public void say(String room, String text) {
            send("type", "message", "room", room, "text", text);
        }
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> json(WebSocketMessage message) {
        return Json.decode(Bytes.utf8(((WebSocketMessage.Text) message).text()), Map.class);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> json(SseMessage message) {
        return Json.decode(Bytes.utf8(message.data()), Map.class);
    }

    protected static ExampleClient http(ExampleSessionClient client) {
        return (ExampleClient) client; // both transports of these checks serve requests as well as sessions
    }

    protected static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Connects as {@code name}; reads the greeting and the {@code joined} of general. */
    protected static User connect(ExampleSessionClient client, String name) {
        ExampleWebSocket ws = client.websocket("/ws/chat?name=" + query(name));
        Map<String, Object> hello = json(ws.receive());
        assertEquals("connected", hello.get("type"), hello.toString());
        User user = new User(ws, (String) hello.get("name"), (String) hello.get("session_id"),
                (String) hello.get("user_id"));
        Map<String, Object> joined = user.next("joined");
        assertEquals("general", joined.get("room"));
        return user;
    }

    /** alice and bob, who met in general (alice has read bob's {@code user_joined}); set by {@link #meetInGeneral}. */
    protected User alice;
    protected User bob;

    /** Connects alice then bob to a chat with {@code options}. @return the client serving it */
    protected ExampleSessionClient meetInGeneral(ChatOptions options) {
        ExampleSessionClient client = serve(chat(options));
        alice = connect(client, "alice");
        bob = connect(client, "bob");
        alice.next("user_joined");
        return client;
    }

    protected static Map<String, Object> userEntry(User user) {
        return Map.of("id", user.userId(), "name", user.name(), "typing", false);
    }

    @SuppressWarnings("unchecked")
    protected static List<String> texts(Object messages) {
        return ((List<Map<String, Object>>) messages).stream().map(m -> (String) m.get("text")).toList();
    }

    @Test
    void servesThePageAndItsAssetsWithNothingFromElsewhere() {
        ExampleClient client = http(serve(chat(QUIET)));
        ExampleResponse page = client.send(ExampleRequest.get("/"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("content-type").orElseThrow());
        assertTrue(page.text().contains("<title>PAGI Chat - Multi-User Chat Demo</title>"), page.text());
        assertEquals(page.text(), client.send(ExampleRequest.get("/index.html")).text());
        for (String reference : List.of("http:", "https:", "//cdn", "@import")) {
            assertFalse(page.text().contains(reference), "the page refers to something elsewhere: " + reference);
        }
        assertTrue(page.text().contains("<link rel=\"stylesheet\" href=\"/css/style.css\">"));
        assertTrue(page.text().contains("<script src=\"/js/app.js\"></script>"));
        ExampleResponse css = client.send(ExampleRequest.get("/css/style.css"));
        assertEquals(200, css.status());
        assertTrue(css.header("content-type").orElseThrow().startsWith("text/css"), css.headers().toString());
        assertFalse(css.text().contains("url("), "the style sheet fetches nothing");
        ExampleResponse js = client.send(ExampleRequest.get("/js/app.js"));
        assertEquals(200, js.status());
        assertTrue(js.text().contains("new EventSource('/events')"));
        assertTrue(js.text().contains("/ws/chat?"));
    }

    @Test
    void answersAnyOtherPathWithAJson404() {
        ExampleResponse missing = http(serve(chat(QUIET))).send(ExampleRequest.get("/public/../app.pl"));
        assertEquals(404, missing.status());
        assertEquals(Map.of("error", "Not found"), Json.decode(missing.body(), Map.class));
    }

    @Test
    void greetsANewUserWithItsIdsAndTheRoomsThenJoinsGeneral() {
        ExampleWebSocket ws = serve(chat(QUIET)).websocket("/ws/chat?name=alice");
        Map<String, Object> hello = json(ws.receive());
        assertEquals(List.of("type", "session_id", "user_id", "name", "rooms"), List.copyOf(hello.keySet()));
        assertEquals("alice", hello.get("name"));
        assertEquals(List.of("general", "help", "random"), hello.get("rooms"));
        assertNotEquals(hello.get("session_id"), hello.get("user_id"), "the secret is not the public id");
        Map<String, Object> joined = json(ws.receive());
        assertEquals("joined", joined.get("type"));
        assertEquals(List.of("alice joined the room"), texts(joined.get("history")));
        assertEquals(List.of(Map.of("id", hello.get("user_id"), "name", "alice", "typing", false)),
                joined.get("users"));
    }

    @Test
    void aMessageReachesEveryoneInTheRoomWithItsIdAndTime() {
        ExampleSessionClient client = serve(chat(QUIET));
        User alice = connect(client, "alice");
        User bob = connect(client, "bob");
        Map<String, Object> joined = alice.next("user_joined");
        assertEquals("bob", joined.get("user"));
        assertEquals(List.of(userEntry(alice), userEntry(bob)), joined.get("users"));

        bob.say("general", "Hello from Bob");
        for (User user : List.of(alice, bob)) {
            Map<String, Object> message = user.next("message");
            assertEquals("general", message.get("room"));
            assertEquals("bob", message.get("from"));
            assertEquals("Hello from Bob", message.get("text"));
            assertTrue(((Number) message.get("ts")).doubleValue() > 1.7e9, "seconds since the epoch");
            assertEquals(3, ((Number) message.get("id")).intValue(), "after the two \"joined the room\" messages");
        }
    }

    @Test
    void joiningAndLeavingARoomIsAnnouncedToItsMembers() {
        meetInGeneral(QUIET);
        alice.send("type", "join", "room", "Lobby!");
        Map<String, Object> joined = alice.next("joined");
        assertEquals("lobby_", joined.get("room"), "room names are sanitized and lower case");
        bob.say("general", "/join lobby_");
        assertEquals("lobby_", bob.next("joined").get("room"));
        assertEquals("bob", alice.next("user_joined").get("user"));

        bob.say("lobby_", "/leave");
        assertEquals(Map.of("type", "left", "room", "lobby_"), bob.next());
        Map<String, Object> left = alice.next("user_left");
        assertEquals(Map.of("type", "user_left", "room", "lobby_", "user", "bob", "users", List.of(userEntry(alice))),
                left);
        bob.send("type", "leave", "room", "general");
        assertEquals("You cannot leave the general room", bob.next("error").get("message"));
        bob.send("type", "join", "room", "general");
        assertEquals("You are already in room: general", bob.next("error").get("message"));
        bob.say("lobby_", "still here?");
        assertEquals("You are not in room: lobby_", bob.next("error").get("message"));
    }

    @Test
    void answersTheCommands() {
        meetInGeneral(QUIET);

        alice.say("general", "/help");
        assertEquals(ChatCommands.HELP, alice.next("system").get("text"));
        alice.say("general", "/rooms");
        assertEquals(List.of(Map.of("name", "general", "users", 2), Map.of("name", "help", "users", 0),
                Map.of("name", "random", "users", 0)), alice.next("room_list").get("rooms"));
        alice.say("general", "/users");
        assertEquals(List.of(userEntry(alice), userEntry(bob)), alice.next("user_list").get("users"));
        alice.say("general", "/me waves");
        for (User user : List.of(alice, bob)) {
            Map<String, Object> action = user.next("action");
            assertEquals("* alice waves", action.get("text"));
        }
        alice.say("general", "/pm bob psst");
        Map<String, Object> pm = bob.next("pm");
        assertEquals(List.of("alice", "psst"), List.of(pm.get("from"), pm.get("text")));
        assertEquals(List.of("bob", "psst"), List.of(alice.next("pm_sent").get("to"), "psst"));
        alice.say("general", "/pm carol hello");
        assertEquals("User not found: carol", alice.next("error").get("message"));
        alice.say("general", "/dance");
        assertEquals("Unknown command: /dance. Type /help for available commands.", alice.next("error").get("message"));

        alice.say("general", "/nick Alicia");
        assertEquals(Map.of("type", "nick_changed", "old_name", "alice", "new_name", "Alicia"), alice.next());
        Map<String, Object> renamed = bob.next("nick_changed");
        assertEquals(List.of("general", "alice", "Alicia"),
                List.of(renamed.get("room"), renamed.get("old_name"), renamed.get("new_name")));
        alice.say("general", "/nick bob");
        assertEquals("bob1", alice.next("nick_changed").get("new_name"), "a name another user has gets a number");
    }

    @Test
    void namesAreSanitizedAndUniqueAmongConnectedUsers() {
        ExampleSessionClient client = serve(chat(QUIET));
        assertEquals("bad_name_", connect(client, "bad name!").name());
        assertEquals("Anonymous", connect(client, "").name());
        connect(client, "alice");
        assertEquals("alice1", connect(client, "alice").name());
        assertEquals("x".repeat(20), connect(client, "x".repeat(30)).name());
    }

    @Test
    void typingIsShownToTheOthersAndClearedByAMessage() {
        meetInGeneral(QUIET);
        bob.send("type", "typing", "room", "general", "typing", true);
        assertEquals(Map.of("type", "typing", "room", "general", "user", "bob", "typing", true), alice.next());
        bob.say("general", "done");
        assertEquals(Map.of("type", "typing", "room", "general", "user", "bob", "typing", false), alice.next());
        assertEquals("done", alice.next("message").get("text"));
    }

    @Test
    void ignoresWhatIsNotAJsonObjectAndAnswersPings() {
        User alice = connect(serve(chat(QUIET)), "alice");
        alice.ws().sendText("not json");
        alice.ws().sendText("[1,2]");
        alice.send("type", "pong");
        alice.send("type", "ping", "ts", 42);
        assertEquals(Map.of("type", "pong", "ts", 42), alice.next());
    }

    @Test
    void ignoresBinaryMessagesAndReturnsWhenTheClientLeaves() {
        CallWatcher watched = new CallWatcher(chat(QUIET));
        User alice = connect(serve(watched), "alice");
        alice.ws().sendBytes(Bytes.of(new byte[] {1, 2, 3}));
        alice.send("type", "ping", "ts", 1);
        assertEquals("pong", alice.next().get("type"));
        alice.ws().close();
        watched.awaitReturn("websocket", Await.LIMIT);
    }

    @Test
    void theServerPingsEachSocket() {
        User alice = connect(serve(chat(QUIET.withPingInterval(Duration.ofMillis(50)))), "alice");
        assertEquals("ping", alice.next().get("type"));
        assertEquals("ping", alice.next().get("type"));
    }

    @Test
    void aUserWhoLeavesIsAnnouncedAfterTheGracePeriod() {
        ExampleSessionClient client = meetInGeneral(QUIET.withPresenceGrace(SHORT));
        bob.ws().close();
        Map<String, Object> left = alice.next("user_left");
        assertEquals(Map.of("type", "user_left", "room", "general", "user", "bob", "users", List.of(userEntry(alice))),
                left);
        assertEquals("bob", connect(client, "bob").name(), "the name is free again");
    }

    @Test
    void aPageThatReconnectsInTimeResumesItsSessionAndGetsWhatItMissed() {
        ExampleSessionClient client = meetInGeneral(QUIET);
        bob.say("general", "/join lobby");
        bob.next("joined");
        bob.say("general", "seen");
        long lastSeen = ((Number) bob.next("message").get("id")).longValue();
        bob.ws().disconnect();
        // The server learns of the drop on its own time; until then the session counts as open elsewhere.
        ExampleClient api = http(client);
        Await.until(() -> !api.send(ExampleRequest.get("/api/room/general/users")).text().contains(bob.userId()),
                "the server marked bob away after his socket dropped");
        alice.next("message");
        alice.say("general", "missed one");
        alice.next("message");

        ExampleWebSocket again = client.websocket("/ws/chat?name=ignored&session=" + bob.sessionId()
                + "&lastMsgId=" + lastSeen);
        Map<String, Object> resumed = json(again.receive());
        assertEquals("resumed", resumed.get("type"));
        assertEquals(List.of(bob.sessionId(), bob.userId(), "bob", List.of("general", "lobby")),
                List.of(resumed.get("session_id"), resumed.get("user_id"), resumed.get("name"), resumed.get("rooms")));
        @SuppressWarnings("unchecked")
        Map<String, Object> missed = (Map<String, Object>) resumed.get("missedMessages");
        assertEquals(List.of("missed one"), texts(missed.get("general")));
        assertEquals(List.of(), missed.get("lobby"));
        alice.say("general", "welcome back");
        assertEquals("welcome back", json(again.receive()).get("text"), "nobody was told bob left");
        assertEquals("welcome back", alice.next("message").get("text"));
    }

    @Test
    void aSessionOpenElsewhereIsNotResumedButANewOneStarts() {
        ExampleSessionClient client = serve(chat(QUIET));
        User alice = connect(client, "alice");
        ExampleWebSocket other = client.websocket("/ws/chat?name=mallory&session=" + alice.sessionId());
        Map<String, Object> hello = json(other.receive());
        assertEquals(List.of("connected", "mallory"), List.of(hello.get("type"), hello.get("name")));
        assertNotEquals(alice.sessionId(), hello.get("session_id"));
    }

    @Test
    void theApiListsRoomsHistoryUsersAndStats() {
        ExampleSessionClient client = serve(chat(QUIET));
        User alice = connect(client, "alice");
        alice.say("general", "hi");
        alice.next("message");
        ExampleClient api = http(client);
        ExampleResponse rooms = api.send(ExampleRequest.get("/api/rooms"));
        assertEquals("application/json; charset=utf-8", rooms.header("content-type").orElseThrow());
        assertEquals("no-cache", rooms.header("cache-control").orElseThrow());
        assertTrue(rooms.text().matches("\\[\\{\"name\":\"general\",\"users\":1,\"created_at\":\\d{10}\\.\\d{1,3}},.*"),
                "seconds with milliseconds, written plain: " + rooms.text());
        List<?> listed = Json.decode(rooms.body(), List.class);
        assertEquals(List.of("general", "help", "random"), listed.stream().map(r -> ((Map<?, ?>) r).get("name")).toList());
        assertEquals(1, ((Number) ((Map<?, ?>) listed.get(0)).get("users")).intValue());
        assertEquals(List.of("alice joined the room", "hi"),
                texts(Json.decode(api.send(ExampleRequest.get("/api/room/general/history")).body(), List.class)));
        assertEquals(List.of(userEntry(alice)),
                Json.decode(api.send(ExampleRequest.get("/api/room/general/users")).body(), List.class));
        ExampleResponse nowhere = api.send(ExampleRequest.get("/api/room/nowhere/history"));
        assertEquals(404, nowhere.status());
        assertEquals(Map.of("error", "Room not found"), Json.decode(nowhere.body(), Map.class));
        Map<?, ?> stats = Json.decode(api.send(ExampleRequest.get("/api/stats")).body(), Map.class);
        assertEquals(List.of("uptime", "users_online", "rooms_count", "messages_total", "sse_subscribers"),
                List.copyOf(stats.keySet()));
        assertEquals(List.of(1, 3, 2, 0), List.of(stats.get("users_online"), stats.get("rooms_count"),
                stats.get("messages_total"), stats.get("sse_subscribers")));
    }

    @Test
    void theEventStreamSendsStatsThenSystemEventsAsTheyHappen() {
        ExampleSessionClient client = serve(chat(QUIET));
        try (ExampleSseStream events = client.sse(ExampleRequest.get("/events"))) {
            assertEquals(200, events.status());
            assertEquals("no", events.headers().first("x-accel-buffering").orElseThrow());
            SseMessage stats = events.next();
            assertEquals("stats", stats.event());
            assertEquals(1, ((Number) json(stats).get("sse_subscribers")).intValue());
            User alice = connect(client, "alice");
            SseMessage connected = events.next();
            assertEquals("user_connected", connected.event());
            assertEquals(Map.of("user", "alice", "count", 1), json(connected));
            assertEquals("4", connected.id().orElseThrow(), "after the three default rooms' room_created");
            alice.say("general", "/join lobby");
            SseMessage created = events.next();
            assertEquals("room_created", created.event());
            assertEquals(Map.of("room", "lobby", "created_by", "alice"), json(created));
            alice.say("lobby", "/leave");
            SseMessage deleted = events.next();
            assertEquals("room_deleted", deleted.event());
            assertEquals(Map.of("room", "lobby"), json(deleted));
        }
    }

    @Test
    void aReconnectingStreamGetsTheEventsItMissedThenStats() {
        ExampleSessionClient client = serve(chat(QUIET.withStatsInterval(Duration.ofMillis(50))));
        connect(client, "alice");
        connect(client, "bob");
        try (ExampleSseStream events = client.sse(ExampleRequest.get("/events").withHeader("last-event-id", "4"))) {
            SseMessage missed = events.next();
            assertEquals("user_connected", missed.event());
            assertEquals("5", missed.id().orElseThrow());
            assertEquals(Map.of("user", "bob", "count", 2), json(missed));
            assertEquals("stats", events.next().event());
            assertEquals("stats", events.next().event(), "and again every interval");
        }
    }
}
