package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory channel's presence: enter, update, leave, members, the bounds and the checks. */
@Timeout(20)
class InMemoryChannelPresenceTest {

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static String refusal(CompletionStage<?> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> join(stage));
        assertInstanceOf(ChannelException.class, e.getCause());
        return e.getCause().getMessage();
    }

    @Test
    void membersAreListedByIdWithTheirInfoUntilTheyLeave() {
        InMemoryChannel channel = InMemoryChannel.create();
        ChannelPresence bob = join(channel.enter("room", "b-2", "bob"));
        join(channel.enter("room", "a-1", "alice"));
        join(channel.enter("other", "c-3", "carol"));
        assertEquals("room", bob.topic());
        assertEquals("b-2", bob.member());
        assertEquals(List.of("a-1", "b-2"), List.copyOf(join(channel.members("room")).keySet()), "ordered by id");
        assertEquals(Map.of("a-1", "alice", "b-2", "bob"), join(channel.members("room")));

        join(bob.update("robert"));
        assertEquals("robert", join(channel.members("room")).get("b-2"));
        join(bob.leave());
        join(bob.leave()); // idempotent
        assertEquals(Map.of("a-1", "alice"), join(channel.members("room")));
        assertTrue(refusal(bob.update("again")).contains("no longer present"));
        assertEquals(Map.of(), join(channel.members("empty")));
        assertThrows(UnsupportedOperationException.class, () -> join(channel.members("room")).put("x", "y"));
    }

    @Test
    void enteringTwiceReplacesTheInfoAndOneLeaveRemovesTheMember() {
        InMemoryChannel channel = InMemoryChannel.builder().maxMembers(1).build();
        ChannelPresence first = join(channel.enter("room", "m", "old"));
        ChannelPresence second = join(channel.enter("room", "m", "new")); // no second place taken
        assertEquals(Map.of("m", "new"), join(channel.members("room")));
        join(first.leave());
        assertEquals(Map.of(), join(channel.members("room")));
        join(second.leave());
    }

    @Test
    void membersAndTopicsBeyondTheirLimitsAreRefusedByName() {
        InMemoryChannel channel = InMemoryChannel.builder().maxMembers(2).maxTopics(2).build();
        join(channel.enter("a", "1", "x"));
        join(channel.enter("a", "2", "x"));
        assertTrue(refusal(channel.enter("a", "3", "x")).contains("maxMembers"));
        join(channel.enter("b", "1", "x"));
        assertTrue(refusal(channel.enter("c", "1", "x")).contains("maxTopics"));
        ChannelPresence leaving = join(channel.enter("a", "2", "y")); // re-entering needs no new place
        join(leaving.leave());
        join(channel.enter("a", "3", "x")); // a freed place is taken again
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> InMemoryChannel.builder().maxMembers(0));
        assertEquals("maxMembers must be 1 or more, got 0", bad.getMessage());
    }

    @Test
    void badTopicsMembersAndInfosAreRefusedAtOnceByName() {
        InMemoryChannel channel = InMemoryChannel.create();
        assertThrows(IllegalArgumentException.class, () -> channel.enter("", "m", "x"));
        IllegalArgumentException member = assertThrows(IllegalArgumentException.class,
                () -> channel.enter("t", "a\nb", "x"));
        assertTrue(member.getMessage().startsWith("member: "), member.getMessage());
        IllegalArgumentException info = assertThrows(IllegalArgumentException.class,
                () -> channel.enter("t", "m", "x".repeat(257)));
        assertEquals("info must be at most 256 characters, got 257", info.getMessage());
        assertThrows(IllegalArgumentException.class, () -> channel.enter("t", "m", "tab\there"));
        ChannelPresence p = join(channel.enter("t", "m", ""));
        assertThrows(IllegalArgumentException.class, () -> p.update("bell\u0007"));
        assertThrows(IllegalArgumentException.class, () -> channel.members("a\rb"));
    }

    @Test
    void closingRemovesEveryMemberAndRefusesLaterCalls() {
        InMemoryChannel channel = InMemoryChannel.create();
        join(channel.enter("room", "m", "x"));
        channel.close();
        assertTrue(refusal(channel.enter("room", "n", "y")).contains("closed"));
        assertTrue(refusal(channel.members("room")).contains("closed"));
    }
}
