package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/**
 * Two chat instances on one channel, as two processes sharing a store: the user list comes from the channel's
 * presence (both instances' users, names as renamed, gone when they leave), or from each instance alone on a
 * channel without presence; messages cross either way.
 */
@Timeout(20)
class WebSocketChatPresenceTest {

    private static JsonNode expect(WebSocketSession ws, String type) {
        JsonNode m = ws.receiveJson();
        assertEquals(type, m.get("type").asText(), "got " + m);
        return m;
    }

    private static WebSocketSession enter(TestClient client, String nick) {
        WebSocketSession ws = client.websocket("/chat").connect();
        expect(ws, "welcome");
        ws.sendText("{\"type\":\"nick\",\"username\":\"" + nick + "\"}");
        assertEquals(nick, expect(ws, "nick").get("username").asText());
        return ws;
    }

    /** @return the room's users, sorted: across instances the order is the member ids' */
    private static List<String> users(WebSocketSession ws, String room) {
        ws.sendText("{\"type\":\"list\",\"room\":\"" + room + "\"}");
        JsonNode users = expect(ws, "users");
        assertEquals(room, users.get("room").asText());
        List<String> out = new ArrayList<>();
        users.get("users").forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    @Test
    void aUserOnOneInstanceListsTheUsersOfBothSeesRenamesAndLeavesAndMessagesCross() {
        InMemoryChannel shared = InMemoryChannel.create();
        TestClient one = TestClient.of(WebSocketChat.builder().channel(shared).build());
        TestClient two = TestClient.of(WebSocketChat.builder().channel(shared).build());
        try (WebSocketSession alice = enter(one, "alice")) {
            WebSocketSession bob = enter(two, "bob");
            assertEquals("user_1", expect(alice, "user_joined").get("username").asText(),
                    "the other instance's user 1 joined (announced before its rename)");
            assertEquals(List.of("alice", "bob"), users(alice, "lobby"));
            assertEquals(List.of("alice", "bob"), users(bob, "lobby"));

            alice.sendText("{\"message\":\"hi from one\"}");
            JsonNode m = expect(bob, "message");
            assertEquals("alice", m.get("username").asText());
            assertEquals("hi from one", m.get("message").asText());

            bob.sendText("{\"type\":\"nick\",\"username\":\"robert\"}");
            expect(bob, "nick");
            assertEquals(List.of("alice", "robert"), users(alice, "lobby"), "the new name, across instances");

            bob.sendText("{\"type\":\"join\",\"room\":\"dev\"}");
            expect(bob, "joined");
            assertEquals(List.of("robert"), users(alice, "dev"), "a room alice's instance has no member in");
            bob.sendText("{\"type\":\"leave\",\"room\":\"dev\"}");
            expect(bob, "left");
            alice.sendText("{\"type\":\"list\",\"room\":\"dev\"}");
            assertEquals("no room 'dev'", expect(alice, "error").get("message").asText());

            bob.close();
            assertEquals("robert", expect(alice, "user_left").get("username").asText());
            assertEquals(List.of("alice"), users(alice, "lobby"), "closing left the presence");
        }
        assertEquals(java.util.Map.of(), shared.members("chat:lobby").toCompletableFuture().join());
    }

    @Test
    void onAChannelWithoutPresenceEachInstanceListsItsOwnUsersInJoiningOrder() {
        Channel plain = ForwardingChannel.basic(InMemoryChannel.create());
        TestClient one = TestClient.of(WebSocketChat.builder().channel(plain).build());
        TestClient two = TestClient.of(WebSocketChat.builder().channel(plain).build());
        try (WebSocketSession zed = enter(one, "zed"); WebSocketSession bob = enter(two, "bob")) {
            expect(zed, "user_joined");
            try (WebSocketSession amy = enter(one, "amy")) {
                expect(zed, "user_joined");
                zed.sendText("{\"type\":\"list\",\"room\":\"lobby\"}");
                List<String> users = new ArrayList<>();
                expect(zed, "users").get("users").forEach(n -> users.add(n.asText()));
                assertEquals(List.of("zed", "amy"), users, "this instance's users, in joining order");
                bob.sendText("{\"message\":\"still crosses\"}");
                assertEquals("still crosses", expect(zed, "message").get("message").asText());
                assertEquals("still crosses", expect(amy, "message").get("message").asText());
            }
        }
    }

    @Test
    void aJoinWhosePresenceTheChannelRefusesFailsNamingTheRoomAndLeavesNothingBehind() {
        InMemoryChannel store = InMemoryChannel.create();
        Channel refusing = new ForwardingChannel(store) {
            @Override
            public CompletionStage<ChannelPresence> enter(String topic, String member, String info) {
                return topic.equals("chat:broken")
                        ? CompletableFuture.failedFuture(new ChannelException("the store is down"))
                        : inner.enter(topic, member, info);
            }
        };
        WebSocketChat chat = WebSocketChat.builder().channel(refusing).build();
        try (WebSocketSession ws = enter(TestClient.of(chat), "amy")) {
            ws.sendText("{\"type\":\"join\",\"room\":\"broken\"}");
            String error = expect(ws, "error").get("message").asText();
            assertTrue(error.startsWith("cannot join 'broken': ") && error.contains("the store is down"), error);
            assertEquals(1, chat.roomCount(), "only the lobby");
            assertEquals(0, store.subscriberCount("chat:broken"), "the subscription was undone");
            ws.sendText("{\"type\":\"message\",\"room\":\"broken\",\"message\":\"x\"}");
            assertEquals("not in room 'broken'", expect(ws, "error").get("message").asText());
        }
    }
}
