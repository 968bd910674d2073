package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;

/**
 * The pubsub's Last-Event-ID replay from the channel's history: on an app (a process) that never saw the events,
 * with a truncated history, with a publish racing the history read, and when the read fails.
 */
@Timeout(30)
class SsePubsubChannelHistoryTest {

    private static String publish(SsePubsub app, String data) {
        return app.publish(data).toCompletableFuture().join().id();
    }

    private static List<String> data(List<SseMessage> messages) {
        return messages.stream().map(SseMessage::data).toList();
    }

    @Test
    void aClientResumesOnAnotherInstanceThatNeverSawItsEvents() {
        InMemoryChannel channel = InMemoryChannel.builder().history(100).build();
        SsePubsub first = SsePubsub.builder().channel(channel).topic("news").history(50).build();
        String seen;
        try (SseStream stream = TestClient.of(first).sse("/").open()) {
            publish(first, "e1");
            seen = publish(first, "e2");
            assertEquals(List.of("e1", "e2"), data(stream.take(2)));
        }
        publish(first, "e3");
        String e4 = publish(first, "e4");
        first.close(); // that instance is gone

        SsePubsub second = SsePubsub.builder().channel(channel).topic("news").build(); // subscribed after e4
        try (SseStream resumed = TestClient.of(second).sse("/").lastEventId(seen).open()) {
            List<SseMessage> missed = resumed.take(2);
            assertEquals(List.of("e3", "e4"), data(missed));
            assertEquals(Optional.of(e4), missed.get(1).id(), "the channel's ids, as the first instance sent them");
            String live = publish(second, "e5");
            SseMessage next = resumed.next();
            assertEquals("e5", next.data(), "then live, nothing repeated");
            assertEquals(Optional.of(live), next.id());
        }
        assertEquals(List.of(), second.events(), "the channel keeps the history: the app keeps none of its own");
    }

    @Test
    void anIdTheChannelNoLongerHoldsGetsEveryRetainedEventAndAFirstConnectionOnlyLiveOnes() {
        SsePubsub app = SsePubsub.builder().channel(InMemoryChannel.builder().history(3).build()).build();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(publish(app, "e" + i));
        }
        TestClient client = TestClient.of(app);
        try (SseStream old = client.sse("/").lastEventId(ids.get(0)).open()) {
            assertEquals(List.of("e3", "e4", "e5"), data(old.take(3)), "truncated, still sent: a gap cannot be told");
        }
        try (SseStream fresh = client.sse("/").open()) {
            publish(app, "e6");
            assertEquals("e6", fresh.next().data());
        }
    }

    /**
     * One message published after the stream was attached but before the history was read (so it is in both the
     * history and the held live events), one after the read (held only): each arrives once, in order.
     */
    @Test
    void aPublishRacingTheHistoryReadArrivesOnceInOrder() {
        InMemoryChannel store = InMemoryChannel.builder().history(100).build();
        Channel racing = new ForwardingChannel(store) {
            @Override
            public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
                return inner.publish(topic, ChannelPayload.text("during"))
                        .thenCompose(m -> inner.history(topic, afterId, limit))
                        .thenCompose(h -> inner.publish(topic, ChannelPayload.text("late")).thenApply(m -> h));
            }
        };
        SsePubsub app = SsePubsub.builder().channel(racing).build();
        String seen = publish(app, "e1");
        publish(app, "e2");
        try (SseStream resumed = TestClient.of(app).sse("/").lastEventId(seen).open()) {
            assertEquals(List.of("e2", "during", "late"), data(resumed.take(3)));
            publish(app, "next");
            assertEquals("next", resumed.next().data(), "neither racing message came twice");
        }
    }

    @Test
    void aHistoryThatCannotBeReadClosesTheStreamSoTheClientTriesAgain() {
        Channel failing = new ForwardingChannel(InMemoryChannel.builder().history(10).build()) {
            @Override
            public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
                return CompletableFuture.failedFuture(new ChannelException("the store is down"));
            }
        };
        SsePubsub app = SsePubsub.builder().channel(failing).build();
        String seen = publish(app, "e1");
        try (SseStream resumed = TestClient.of(app).sse("/").lastEventId(seen).open()) {
            resumed.awaitEnd();
            assertTrue(resumed.isClosed());
        }
        assertEquals(0, app.clientCount());
    }

    @Test
    void aResumingClientWhoseHeldEventsPassTheQueueBoundIsDroppedAsASlowOne() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Channel slowStore = new ForwardingChannel(InMemoryChannel.builder().history(10).build()) {
            @Override
            public CompletionStage<ChannelHistory> history(String topic, Optional<String> afterId, int limit) {
                return gate.thenCompose(v -> inner.history(topic, afterId, limit));
            }
        };
        SsePubsub app = SsePubsub.builder().channel(slowStore).maxQueuedMessages(2).build();
        String seen = publish(app, "e1");
        try (SseStream resumed = TestClient.of(app).sse("/").lastEventId(seen).open()) {
            publish(app, "held 1");
            publish(app, "held 2");
            assertEquals(1, app.clientCount(), "two held events fit");
            publish(app, "one too many");
            assertEquals(0, app.clientCount(), "the third would pass maxQueuedMessages: dropped at once");
            resumed.awaitEnd();
            gate.complete(null); // the late history finds the client gone and sends nothing
        }
    }

    @Test
    void onAChannelWithoutHistoryTheAppsOwnBufferServesOnlyWhatThisAppSaw() {
        Channel shared = ForwardingChannel.basic(InMemoryChannel.create());
        SsePubsub first = SsePubsub.builder().channel(shared).history(10).build();
        String seen = publish(first, "e1");
        publish(first, "e2");
        SsePubsub second = SsePubsub.builder().channel(shared).history(10).build();
        TestClient client = TestClient.of(second);
        try (SseStream resumed = client.sse("/").lastEventId(seen).open()) {
            publish(first, "e3");
            assertEquals("e3", resumed.next().data(), "e2 was never seen here: nothing to replay");
        }
        try (SseStream local = TestClient.of(first).sse("/").lastEventId(seen).open()) {
            assertEquals(List.of("e2", "e3"), data(local.take(2)), "the app that saw them replays them");
        }
    }
}
