package org.pagi.examples.chatshowcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.QUIET;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.SHORT;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.connect;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.texts;
import static org.pagi.examples.chatshowcase.ChatShowcaseChecks.userEntry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.chatshowcase.ChatShowcaseChecks.User;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleSessionChecks;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.json.Json;

/**
 * Two instances of the chat in one JVM on one store, as instances behind a proxy share a Redis: what a user does
 * on one reaches the room's members on the other, in order, and the user lists show the users of both (the
 * channel's presence). Each subclass says which store ({@link #instanceChannel()}); websocket-chat-v2 runs the same
 * checks on its application.
 */
@Timeout(30)
public abstract class ChatAcrossInstancesChecks extends ExampleSessionChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    /**
     * @return the channel of one more instance: on the same store as the others', keeping presence and the last
     *     100 messages per topic
     */
    protected abstract Channel instanceChannel();

    /** @return the chat under test, an instance on {@code channel} */
    protected Application chat(ChatOptions options, Channel channel) {
        return new App(options, channel);
    }

    private ExampleSessionClient instance(ChatOptions options) {
        return instance(options, instanceChannel());
    }

    private ExampleSessionClient instance(ChatOptions options, Channel channel) {
        return serve(chat(options, channel));
    }

    @Test
    void aMessageFromAUserOnOneInstanceReachesAUserOnTheOtherInOrder() {
        User alice = connect(instance(QUIET), "alice");
        User bob = connect(instance(QUIET), "bob");
        assertEquals("bob", alice.next("user_joined").get("user"), "bob's join on B reached alice on A");

        for (int i = 1; i <= 5; i++) {
            alice.say("general", "message " + i);
        }
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> message = bob.next("message");
            assertEquals(List.of("general", "alice", "message " + i),
                    List.of(message.get("room"), message.get("from"), message.get("text")));
        }
        bob.say("general", "got them");
        for (int i = 1; i <= 5; i++) {
            assertEquals("message " + i, alice.next("message").get("text"), "alice sees her own in the same order");
        }
        assertEquals("got them", alice.next("message").get("text"));
    }

    @Test
    void theUserListsShowTheUsersOfEveryInstance() {
        ExampleSessionClient a = instance(QUIET);
        ExampleSessionClient b = instance(QUIET);
        User alice = connect(a, "alice");
        User carol = connect(a, "carol");
        alice.next("user_joined");
        User bob = connect(b, "bob");
        alice.next("user_joined");
        carol.next("user_joined");

        List<Map<String, Object>> everyone = List.of(userEntry(alice), userEntry(carol), userEntry(bob));
        bob.say("general", "/users");
        assertEquals(everyone, bob.next("user_list").get("users"), "in joining order, whichever instance");
        alice.send("type", "get_users", "room", "general");
        assertEquals(everyone, alice.next("user_list").get("users"));
        assertEquals(everyone, Json.decode(((ExampleClient) b).send(ExampleRequest.get("/api/room/general/users"))
                .body(), List.class));
        bob.say("general", "/rooms");
        assertEquals(Map.of("name", "general", "users", 3), ((List<?>) bob.next("room_list").get("rooms")).get(0));
    }

    @Test
    void joinsTypingNickChangesAndLeavesReachTheOtherInstance() {
        User alice = connect(instance(QUIET), "alice");
        User bob = connect(instance(QUIET), "bob");
        alice.next("user_joined");
        alice.say("general", "/join lobby");
        alice.next("joined");
        bob.say("general", "/join lobby");
        Map<String, Object> joined = bob.next("joined");
        assertEquals(List.of("alice joined the room", "bob joined the room"), texts(joined.get("history")),
                "the room B had not served yet starts from what A's users did in it");
        assertEquals(List.of(userEntry(alice), userEntry(bob)), joined.get("users"));
        assertEquals(List.of(userEntry(alice), userEntry(bob)), alice.next("user_joined").get("users"));

        bob.send("type", "typing", "room", "lobby", "typing", true);
        assertEquals(Map.of("type", "typing", "room", "lobby", "user", "bob", "typing", true), alice.next());
        bob.say("lobby", "/nick robert");
        assertEquals("nick_changed", bob.next().get("type"));
        Map<String, Object> inGeneral = alice.next("nick_changed");
        assertEquals(List.of("general", "bob", "robert"),
                List.of(inGeneral.get("room"), inGeneral.get("old_name"), inGeneral.get("new_name")));
        Map<String, Object> inLobby = alice.next("nick_changed");
        assertEquals(List.of(userEntry(alice), Map.of("id", bob.userId(), "name", "robert", "typing", true)),
                inLobby.get("users"), "the presence holds the new name, and bob still typing in the lobby");
        bob.say("lobby", "/leave");
        assertEquals("left", bob.next().get("type"));
        assertEquals(Map.of("type", "user_left", "room", "lobby", "user", "robert", "users", List.of(userEntry(alice))),
                alice.next("user_left"));
    }

    @Test
    void aPrivateMessageReachesAUserOfTheOtherInstance() {
        User alice = connect(instance(QUIET), "alice");
        User bob = connect(instance(QUIET), "bob");
        alice.next("user_joined");
        alice.say("general", "/pm bob psst");
        Map<String, Object> pm = bob.next("pm");
        assertEquals(List.of("alice", "psst"), List.of(pm.get("from"), pm.get("text")));
        assertEquals(List.of("bob", "psst"), List.of(alice.next("pm_sent").get("to"), "psst"));
        bob.send("type", "pm", "to", "alice", "text", "hi back");
        assertEquals("hi back", alice.next("pm").get("text"));
        bob.next("pm_sent");
        alice.say("general", "/pm carol hello");
        assertEquals("User not found: carol", alice.next("error").get("message"), "on neither instance");
    }

    @Test
    void aUserWhoLeftOneInstanceIsAnnouncedOnTheOtherAfterTheGracePeriod() {
        User alice = connect(instance(QUIET.withPresenceGrace(SHORT)), "alice");
        User bob = connect(instance(QUIET), "bob");
        alice.next("user_joined");
        alice.ws().close();
        assertEquals(Map.of("type", "user_left", "room", "general", "user", "alice", "users", List.of(userEntry(bob))),
                bob.next("user_left"));
    }

    @Test
    void aRoomNewToAnInstanceStartsFromTheChannelsHistory() {
        User alice = connect(instance(QUIET), "alice");
        alice.say("general", "before B started");
        alice.next("message");

        User bob = connect(instance(QUIET), "bob"); // B starts now: it never saw alice's message
        bob.say("general", "/users");
        bob.next("user_list");
        bob.send("type", "get_history", "room", "general");
        assertEquals(List.of("alice joined the room", "before B started", "bob joined the room"),
                texts(bob.next("history").get("messages")));
    }

    @Test
    void anActionTheChannelRefusesIsAnErrorItsUserSees() throws Exception {
        Channel channel = instanceChannel();
        User alice = connect(instance(QUIET, channel), "alice");
        ((AutoCloseable) channel).close(); // as a store that went away
        alice.say("general", "into the void");
        Map<String, Object> error = alice.next("error");
        assertTrue(((String) error.get("message")).startsWith("Not delivered, the chat's channel failed: "),
                error.toString());
        alice.send("type", "ping", "ts", 1);
        assertEquals("pong", alice.next().get("type"), "the socket still serves");
    }
}
