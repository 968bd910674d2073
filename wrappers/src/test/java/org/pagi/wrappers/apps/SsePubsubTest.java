package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Send;
import org.pagi.spec.event.SseSend;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;

/** The pubsub event stream through the test client: live events, replay after Last-Event-ID, the bounds. */
@Timeout(30)
class SsePubsubTest {

    private static String publish(SsePubsub app, String event, String data) {
        return app.publish(event, data).toCompletableFuture().join().id();
    }

    @Test
    void everyClientReceivesEachPublishedEventWithTheChannelsIdAndName() {
        SsePubsub app = SsePubsub.builder().topic("news").headers(Headers.of("x-feed", "news")).build();
        TestClient client = TestClient.of(app);
        try (SseStream one = client.sse("/events").open(); SseStream two = client.sse("/events").open()) {
            assertEquals(200, one.status());
            assertEquals(Optional.of("news"), one.headers().first("x-feed"));
            assertEquals(2, app.clientCount(), "attached by the time the stream started");
            String id = publish(app, "headline", "Markets open\nhigher");
            String plain = app.publish("no name").toCompletableFuture().join().id();
            SseMessage expected = SseMessage.of("headline", "Markets open\nhigher").withId(id);
            assertEquals(List.of(expected, SseMessage.of("no name").withId(plain)), one.take(2));
            assertEquals(List.of(expected, SseMessage.of("no name").withId(plain)), two.take(2));
        }
        assertEquals(0, app.clientCount(), "a client that leaves is detached");
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAfterItsLastIdThenLiveEventsWithoutRepeat() {
        SsePubsub app = SsePubsub.builder().history(3).build();
        TestClient client = TestClient.of(app);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(publish(app, "n", "e" + i)); // before any client: the app is subscribed from the start
        }
        assertEquals(3, app.events().size(), "the history keeps the last 3");
        try (SseStream resumed = client.sse("/").lastEventId(ids.get(2)).open()) {
            assertEquals(List.of("e4", "e5"), resumed.take(2).stream().map(SseMessage::data).toList());
            String live = publish(app, "n", "e6");
            SseMessage next = resumed.next();
            assertEquals("e6", next.data(), "live after the replay, nothing repeated");
            assertEquals(Optional.of(live), next.id());
        }
        try (SseStream old = client.sse("/").lastEventId(ids.get(0)).open()) {
            assertEquals(List.of("e4", "e5", "e6"), old.take(3).stream().map(SseMessage::data).toList(),
                    "an id no longer retained gets every retained event: a repeat can be told, a gap cannot");
        }
        try (SseStream fresh = client.sse("/").open()) {
            publish(app, "n", "e7");
            assertEquals("e7", fresh.next().data(), "a first connection gets live events only");
        }
    }

    @Test
    void theSeamBetweenReplayAndLiveHasNoGapAndNoRepeatWhileAPublisherRuns() throws Exception {
        SsePubsub app = SsePubsub.builder().history(2000).maxQueuedMessages(2000).build();
        TestClient client = TestClient.of(app);
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(publish(app, "n", Integer.toString(i)));
        }
        Thread publisher = Thread.ofVirtual().start(() -> {
            for (int i = 100; i < 600; i++) {
                ids.add(publish(app, "n", Integer.toString(i)));
            }
        });
        try (SseStream stream = client.sse("/").lastEventId(ids.get(49)).open()) {
            List<String> seen = new ArrayList<>();
            while (seen.isEmpty() || !seen.getLast().equals("599")) {
                seen.add(stream.next().data());
            }
            publisher.join();
            List<String> expected = new ArrayList<>();
            for (int i = 50; i < 600; i++) {
                expected.add(Integer.toString(i));
            }
            assertEquals(expected, seen);
        }
    }

    @Test
    void everyEventCarriesTheRetryAndTheKeepaliveIsAsked() {
        SsePubsub app = SsePubsub.builder().retry(2500).keepalive(Duration.ofSeconds(15)).build();
        try (SseStream stream = TestClient.of(app).sse("/").open()) {
            app.publish("x").toCompletableFuture().join();
            assertEquals(2500, stream.next().retry().getAsLong());
            assertEquals(Duration.ofSeconds(15), stream.keepalive().orElseThrow().interval());
        }
    }

    @Test
    void theCallbacksSeeEachStreamAttachAndEnd() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SsePubsub app = SsePubsub.builder()
                .onConnect(sse -> seen.add("connect " + sse.path()))
                .onClose(sse -> seen.add("close " + sse.path()))
                .build();
        SseStream stream = TestClient.of(app).sse("/feed").open();
        stream.close();
        assertEquals(List.of("connect /feed", "close /feed"), seen);
    }

    @Test
    void aClientWhoseQueueFillsHasItsStreamClosedWhileTheOthersGetEveryEvent() {
        SsePubsub app = SsePubsub.builder().maxQueuedMessages(2).build();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        // The client on /slow takes no event until the gate opens, as a client that stopped reading.
        Application gated = (scope, receive, send) -> app.call(scope, receive, ((org.pagi.spec.SseScope) scope).path().equals("/slow")
                ? (Send) event -> event instanceof SseSend ? gate.thenCompose(v -> send.send(event)) : send.send(event)
                : send);
        TestClient client = TestClient.of(gated);
        try (SseStream slow = client.sse("/slow").open(); SseStream fast = client.sse("/fast").open()) {
            for (int i = 1; i <= 4; i++) {
                app.publish("e" + i).toCompletableFuture().join(); // never waits for the slow client
            }
            assertEquals(1, app.clientCount(), "e4 found 2 waiting behind e1: the slow client is dropped at once");
            assertEquals(List.of("e1", "e2", "e3", "e4"), fast.take(4).stream().map(SseMessage::data).toList());
            gate.complete(null);
            assertEquals("e1", slow.next().data(), "what was in flight still goes");
            slow.awaitEnd(); // then the stream closes: its EventSource reconnects and resumes
        }
    }

    @Test
    void aFailedChannelClosesTheStreamsAndDeclinesNewOnesWith503() {
        InMemoryChannel channel = InMemoryChannel.create();
        SsePubsub app = SsePubsub.builder().channel(channel).build();
        TestClient client = TestClient.of(app);
        SseStream stream = client.sse("/").open();
        channel.close();
        stream.awaitEnd();
        SseStream refused = client.sse("/").open();
        assertTrue(refused.declined());
        assertEquals(503, refused.status());
        assertEquals("the event channel is unavailable\n", refused.body().utf8());
        assertThrows(java.util.concurrent.CompletionException.class,
                () -> app.publish("x").toCompletableFuture().join(), "a publish on a closed channel fails visibly");
    }

    @Test
    void badSettingsAndEventNamesAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsePubsub.builder().history(-1))
                .getMessage().startsWith("history"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsePubsub.builder().retry(-1))
                .getMessage().startsWith("retry"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SsePubsub.builder().keepalive(Duration.ofSeconds(-1))).getMessage().startsWith("keepalive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsePubsub.builder().maxQueuedMessages(0))
                .getMessage().startsWith("maxQueuedMessages"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SsePubsub.create().publish("a\nid: 1", "forged")).getMessage().startsWith("event contains LF"));
    }
}
