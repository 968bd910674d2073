package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory channel's history: what is kept, what {@code history} answers and when it says truncated. */
@Timeout(20)
class InMemoryChannelHistoryTest {

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static List<String> publish(InMemoryChannel channel, String topic, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(join(channel.publish(topic, ChannelPayload.text("m" + i))).id());
        }
        return ids;
    }

    private static List<String> texts(ChannelHistory history) {
        return history.messages().stream().map(m -> m.payload().text()).toList();
    }

    @Test
    void theLastNMessagesOfEachTopicAreKeptWithoutAnySubscriber() {
        InMemoryChannel channel = InMemoryChannel.builder().history(3).build();
        assertEquals(3, channel.historyLength());
        List<String> ids = publish(channel, "news", 1, 5);
        publish(channel, "sport", 1, 1);

        ChannelHistory after2 = join(channel.history("news", Optional.of(ids.get(2)), 10));
        assertEquals(List.of("m4", "m5"), texts(after2));
        assertFalse(after2.truncated(), "m3 is retained: nothing after it was lost");
        assertEquals(ids.subList(3, 5), after2.messages().stream().map(ChannelMessage::id).toList());

        ChannelHistory newest = join(channel.history("news", Optional.of(ids.get(4)), 10));
        assertEquals(List.of(), newest.messages());
        assertFalse(newest.truncated(), "a client that saw the newest missed nothing");

        assertEquals(List.of("m1"), texts(join(channel.history("sport", Optional.empty(), 10))));
        assertEquals(0, channel.topicCount(), "history opens no subscriber topic");
        assertEquals(2, channel.historyTopicCount());
    }

    @Test
    void anIdNoLongerRetainedOrFromElsewhereAnswersEverythingRetainedAsTruncated() {
        InMemoryChannel channel = InMemoryChannel.builder().history(3).build();
        List<String> ids = publish(channel, "news", 1, 5);
        ChannelHistory trimmed = join(channel.history("news", Optional.of(ids.get(0)), 10));
        assertEquals(List.of("m3", "m4", "m5"), texts(trimmed));
        assertTrue(trimmed.truncated(), "m2 was trimmed: the client may have lost it");

        String foreign = join(InMemoryChannel.builder().history(3).build().publish("news",
                ChannelPayload.text("x"))).id();
        ChannelHistory restart = join(channel.history("news", Optional.of(foreign), 10));
        assertEquals(List.of("m3", "m4", "m5"), texts(restart));
        assertTrue(restart.truncated(), "an id of another channel (or a restart) is unknown");

        ChannelHistory unknownTopic = join(channel.history("nothing-here", Optional.of(ids.get(4)), 10));
        assertEquals(List.of(), unknownTopic.messages());
        assertTrue(unknownTopic.truncated());
    }

    @Test
    void theLimitKeepsTheLatestAndSaysTruncated() {
        InMemoryChannel channel = InMemoryChannel.builder().history(10).build();
        List<String> ids = publish(channel, "t", 1, 6);
        ChannelHistory cut = join(channel.history("t", Optional.of(ids.get(0)), 2));
        assertEquals(List.of("m5", "m6"), texts(cut), "the latest ones, oldest first");
        assertTrue(cut.truncated());
        ChannelHistory exact = join(channel.history("t", Optional.of(ids.get(3)), 2));
        assertEquals(List.of("m5", "m6"), texts(exact));
        assertFalse(exact.truncated());
    }

    @Test
    void withoutAnIdEverythingRetainedTruncatedOnlyWhenTheLimitCutOrOlderOnesWereTrimmed() {
        InMemoryChannel channel = InMemoryChannel.builder().history(3).build();
        publish(channel, "t", 1, 3);
        ChannelHistory whole = join(channel.history("t", Optional.empty(), 10));
        assertEquals(List.of("m1", "m2", "m3"), texts(whole));
        assertFalse(whole.truncated(), "all three ever published are there");
        assertEquals(whole, join(channel.history("t", Optional.of(""), 10)), "an empty id is no id");
        assertTrue(join(channel.history("t", Optional.empty(), 2)).truncated(), "the limit cut one");
        publish(channel, "t", 4, 4);
        ChannelHistory trimmed = join(channel.history("t", Optional.empty(), 10));
        assertEquals(List.of("m2", "m3", "m4"), texts(trimmed));
        assertTrue(trimmed.truncated(), "m1 was trimmed");
    }

    @Test
    void beyondMaxTopicsTheLeastRecentlyPublishedTopicsHistoryIsForgotten() {
        InMemoryChannel channel = InMemoryChannel.builder().history(5).maxTopics(2).build();
        publish(channel, "a", 1, 1);
        publish(channel, "b", 1, 1);
        publish(channel, "a", 2, 2); // a is now the most recently published
        join(channel.history("b", Optional.empty(), 5)); // a read does not count as a publish
        publish(channel, "c", 1, 1);
        assertEquals(2, channel.historyTopicCount());
        assertEquals(List.of("m1", "m2"), texts(join(channel.history("a", Optional.empty(), 5))));
        assertEquals(List.of(), join(channel.history("b", Optional.empty(), 5)).messages(), "b was forgotten");
        assertEquals(List.of("m1"), texts(join(channel.history("c", Optional.empty(), 5))));
    }

    @Test
    void withoutHistoryTheAnswerIsEmptyAndTruncatedAndBadArgumentsAreRefusedByName() {
        InMemoryChannel none = InMemoryChannel.create();
        assertEquals(0, none.historyLength());
        publish(none, "t", 1, 2);
        assertEquals(new ChannelHistory(List.of(), true), join(none.history("t", Optional.empty(), 5)));

        InMemoryChannel channel = InMemoryChannel.builder().history(2).build();
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> channel.history("t", Optional.empty(), 0));
        assertEquals("limit must be 1 or more, got 0", limit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> channel.history("", Optional.empty(), 1));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> InMemoryChannel.builder().history(100_001));
        assertEquals("history must be 0 to 100000 messages, got 100001", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InMemoryChannel.builder().history(-1));
        InMemoryChannel.builder().history(100_000).build();

        channel.close();
        CompletionException closed = assertThrows(CompletionException.class,
                () -> join(channel.history("t", Optional.empty(), 1)));
        assertTrue(closed.getCause().getMessage().contains("closed"), closed.getCause().getMessage());
    }
}
