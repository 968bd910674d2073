package org.pagi.wrappers.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.sse.SseMode.Step;

@Timeout(20)
class ReplayBufferTest {

    private static ReplayBuffer filled(int capacity, int... ids) {
        ReplayBuffer buffer = new ReplayBuffer(capacity);
        for (int id : ids) {
            buffer.record(event(id));
        }
        return buffer;
    }

    private static ServerEvent event(int id) {
        return ServerEvent.named("price", "p" + id).withId(Integer.toString(id));
    }

    private static SseMessage message(int id) {
        return SseMessage.of("price", "p" + id).withId(Integer.toString(id));
    }

    @Test
    void keepsTheLastCapacityEventsAndAnswersWhatCameAfterAnId() {
        ReplayBuffer buffer = filled(3, 1, 2, 3, 4, 5);
        assertEquals(3, buffer.capacity());
        assertEquals(List.of(event(3), event(4), event(5)), buffer.events());
        assertEquals(List.of(event(5)), buffer.since("4"));
        assertEquals(List.of(), buffer.since("5"));
        assertEquals(List.of(event(3), event(4), event(5)), buffer.since("1"), "dropped id: everything retained");
        assertEquals(List.of(event(3), event(4), event(5)), buffer.since("never"), "unknown id: everything");
        assertEquals(List.of(), buffer.missedBy(Optional.empty()), "a first connection gets nothing old");
        assertEquals(List.of(event(4), event(5)), buffer.missedBy(Optional.of("3")));
    }

    @Test
    void theLatestEventWithARepeatedIdCounts() {
        ReplayBuffer buffer = new ReplayBuffer(5);
        buffer.record(ServerEvent.of("a").withId("x"));
        buffer.record(ServerEvent.of("b").withId("y"));
        buffer.record(ServerEvent.of("c").withId("x"));
        buffer.record(ServerEvent.of("d").withId("z"));
        assertEquals(List.of(ServerEvent.of("d").withId("z")), buffer.since("x"));
    }

    @Test
    void refusesAnEventWithoutIdAndABadCapacity() {
        ReplayBuffer buffer = new ReplayBuffer(2);
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> buffer.record(ServerEvent.of("x")));
        assertTrue(noId.getMessage().contains("needs an id"), noId.getMessage());
        assertEquals("capacity must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void attachReplaysAfterLastEventIdThenContinuesLiveUntilTheClientLeaves(SseMode mode) {
        ReplayBuffer buffer = filled(10, 1, 2, 3);
        Step attach = Step.of(buffer::attach, buffer::attach);
        Step waitForDisconnect = Step.of(Sse::disconnected, BlockingSse::disconnected);
        TestClient client = TestClient.of(mode.serve(SseMode.failures(), attach, waitForDisconnect));
        SseStream stream = client.sse("/prices").lastEventId("1").open();
        assertEquals(List.of(message(2), message(3)), stream.take(2));
        assertEquals(1, buffer.attachedCount());
        buffer.publish(event(4));
        assertEquals(message(4), stream.next());
        stream.disconnect();
        assertEquals(0, buffer.attachedCount(), "detached when the client left");
        buffer.publish(event(5)); // nobody to send to; it is still recorded
        assertEquals(List.of(event(4), event(5)), buffer.since("3"));
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void aFreshClientGetsOnlyLiveEventsAndAStreamThatEndedIsDropped(SseMode mode) {
        ReplayBuffer buffer = filled(10, 1, 2);
        Step attach = Step.of(buffer::attach, buffer::attach);
        Step waitForDisconnect = Step.of(s -> s.disconnected().thenApply(r -> null), b -> b.disconnected());
        SseStream stream = TestClient.of(mode.serve(SseMode.failures(), attach, waitForDisconnect)).sse("/").open();
        buffer.publish(event(3));
        assertEquals(message(3), stream.next());
        stream.disconnect();
        assertEquals(0, buffer.attachedCount());
    }

    @ParameterizedTest
    @EnumSource(SseMode.class)
    void publishingToAClosedStreamDetachesIt(SseMode mode) {
        ReplayBuffer buffer = new ReplayBuffer(4);
        CompletableFuture<Void> release = new CompletableFuture<>();
        Step attach = Step.of(buffer::attach, buffer::attach);
        Step holdOn = Step.of(s -> release, b -> Blocking.await(release)); // the client stays connected till then
        try (SseStream stream = TestClient.of(mode.serve(SseMode.failures(), attach, SseTest.close(), holdOn))
                .sse("/").open()) {
            stream.awaitEnd();
            assertEquals(1, buffer.attachedCount(), "a closed stream is found out on the next publish");
            buffer.publish(event(1));
            assertEquals(0, buffer.attachedCount());
            release.complete(null);
        }
    }
}
