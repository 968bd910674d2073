package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;

@Timeout(20)
class InMemoryChannelTest {

    /** Records what a subscription receives, and its failure. */
    static class Recorder implements ChannelListener {
        final List<ChannelMessage> messages = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public synchronized void onMessage(ChannelMessage message) {
            messages.add(message);
        }

        @Override
        public synchronized void onFailure(Throwable cause) {
            failures.add(cause);
        }

        synchronized List<String> texts() {
            return messages.stream().map(m -> m.payload().text()).toList();
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void deliversEachTopicsMessagesInOrderToItsSubscribersOnly() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder other = new Recorder();
        join(channel.subscribe("news", a));
        join(channel.subscribe("news", b));
        join(channel.subscribe("sport", other));

        ChannelMessage first = join(channel.publish("news", ChannelPayload.text("one")));
        join(channel.publish("news", ChannelPayload.bytes(Bytes.of(new byte[] {1, 2})).withEvent("blob")));
        join(channel.publish("sport", ChannelPayload.text("goal")));

        assertEquals("news", first.topic());
        assertEquals(List.of(first, a.messages.get(1)), b.messages, "both subscribers see the same messages");
        assertEquals("one", a.messages.getFirst().payload().text());
        assertTrue(a.messages.get(1).payload().binary());
        assertEquals(Optional.of("blob"), a.messages.get(1).payload().event());
        assertEquals(List.of("goal"), other.texts());
        assertEquals(2, channel.topicCount());
        assertEquals(2, channel.subscriberCount("news"));
    }

    @Test
    void idsAreUniqueAcrossTopicsAndAcrossChannelsStartedAtDifferentTimes() throws Exception {
        InMemoryChannel channel = InMemoryChannel.create();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(join(channel.publish(i % 2 == 0 ? "a" : "b", ChannelPayload.text("x"))).id());
        }
        assertEquals(100, ids.size());
        String before = join(channel.publish("a", ChannelPayload.text("x"))).id();
        long started = System.currentTimeMillis();
        while (System.currentTimeMillis() == started) {
            Thread.onSpinWait(); // a channel made in a later millisecond, as after a restart
        }
        String after = join(InMemoryChannel.create().publish("a", ChannelPayload.text("x"))).id();
        assertNotEquals(before.substring(0, before.indexOf('-')), after.substring(0, after.indexOf('-')),
                "a restarted channel's ids cannot match an old Last-Event-ID");
    }

    @Test
    void aClosedSubscriptionReceivesNothingMoreAndItsEmptyTopicGoes() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder r = new Recorder();
        ChannelSubscription sub = join(channel.subscribe("t", r));
        join(channel.publish("t", ChannelPayload.text("before")));
        join(sub.close());
        join(sub.close()); // idempotent
        join(channel.publish("t", ChannelPayload.text("after")));
        assertEquals(List.of("before"), r.texts());
        assertFalse(sub.isOpen());
        assertEquals(0, channel.topicCount(), "a topic without subscribers keeps nothing");
        assertEquals(List.of(), r.failures);
    }

    @Test
    void aListenerThatThrowsIsUnsubscribedAndToldWhileTheOthersStillReceive() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder good = new Recorder();
        Recorder bad = new Recorder() {
            @Override
            public synchronized void onMessage(ChannelMessage message) {
                throw new IllegalStateException("listener bug");
            }
        };
        ChannelSubscription badSub = join(channel.subscribe("t", bad));
        join(channel.subscribe("t", good));
        join(channel.publish("t", ChannelPayload.text("1")));
        join(channel.publish("t", ChannelPayload.text("2")));
        assertEquals(List.of("1", "2"), good.texts());
        assertEquals(1, bad.failures.size());
        assertEquals("listener bug", bad.failures.getFirst().getMessage());
        assertFalse(badSub.isOpen());
        assertEquals(1, channel.subscriberCount("t"));
    }

    @Test
    void closingFailsLaterCallsVisiblyAndEndsEverySubscription() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder r = new Recorder();
        ChannelSubscription sub = join(channel.subscribe("t", r));
        channel.close();
        assertFalse(sub.isOpen());
        assertInstanceOf(ChannelException.class, r.failures.getFirst());
        CompletionException publish = assertThrows(CompletionException.class,
                () -> join(channel.publish("t", ChannelPayload.text("x"))));
        assertInstanceOf(ChannelException.class, publish.getCause());
        assertTrue(publish.getCause().getMessage().contains("closed"), publish.getCause().getMessage());
        CompletionException subscribe = assertThrows(CompletionException.class,
                () -> join(channel.subscribe("t", new Recorder())));
        assertInstanceOf(ChannelException.class, subscribe.getCause());
    }

    @Test
    void aSubscriptionBeyondMaxTopicsFailsNamingTheLimit() {
        InMemoryChannel channel = InMemoryChannel.builder().maxTopics(2).build();
        join(channel.subscribe("a", new Recorder()));
        join(channel.subscribe("b", new Recorder()));
        join(channel.subscribe("a", new Recorder())); // an existing topic is no new one
        CompletionException e = assertThrows(CompletionException.class,
                () -> join(channel.subscribe("c", new Recorder())));
        assertInstanceOf(ChannelException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("maxTopics"), e.getCause().getMessage());
        assertEquals(2, channel.topicCount());
        join(channel.publish("c", ChannelPayload.text("nobody listens"))); // publishing keeps nothing: allowed
    }

    @Test
    void badTopicsPayloadsAndSettingsAreRefusedByName() {
        InMemoryChannel channel = InMemoryChannel.create();
        assertThrows(IllegalArgumentException.class, () -> channel.publish("", ChannelPayload.text("x")));
        assertThrows(IllegalArgumentException.class, () -> channel.subscribe("a\nb", new Recorder()));
        assertThrows(IllegalArgumentException.class, () -> channel.publish("x".repeat(257), ChannelPayload.text("x")));
        IllegalArgumentException event = assertThrows(IllegalArgumentException.class,
                () -> ChannelPayload.text("x").withEvent("a\r\nid: 9"));
        assertTrue(event.getMessage().startsWith("event contains CR"), event.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelPayload(Bytes.of(new byte[] {(byte) 0xff}), false, Optional.empty(), Optional.empty()));
        assertThrows(IllegalStateException.class, () -> ChannelPayload.bytes(Bytes.utf8("x")).text());
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
                () -> InMemoryChannel.builder().maxTopics(0));
        assertEquals("maxTopics must be 1 or more, got 0", max.getMessage());
    }

    @Test
    void listenersLeavingInsideADeliveryWhileOthersJoinDoNotDeadlock() throws Exception {
        InMemoryChannel channel = InMemoryChannel.create();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
            var publisher = pool.submit(() -> {
                // starts once someone has joined and goes on until someone has left inside a delivery (bounded),
                // so a loaded machine that runs the joiners late still exercises the leave-while-joining path
                assertTrue(joined.await(15, TimeUnit.SECONDS), "no subscription within 15 s");
                for (int i = 0; i < 5000 || (left.get() == 0 && i < 1_000_000); i++) {
                    join(channel.publish("t", ChannelPayload.text("m" + i)));
                }
                return null;
            });
            for (int j = 0; j < 2; j++) {
                pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        java.util.concurrent.CompletableFuture<ChannelSubscription> self =
                                new java.util.concurrent.CompletableFuture<>();
                        join(channel.subscribe("t", new Recorder() {
                            @Override
                            public synchronized void onMessage(ChannelMessage message) {
                                self.thenAccept(sub -> { // leaves from inside the delivery
                                    if (sub.isOpen()) {
                                        sub.close();
                                        left.incrementAndGet();
                                    }
                                });
                            }
                        }).thenAccept(self::complete));
                        joined.countDown();
                    }
                    return null;
                });
            }
            publisher.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "a join or a leave is stuck");
        }
        assertTrue(left.get() > 0, "some listeners left inside a delivery");
    }

    @Test
    void concurrentPublishersReachEverySubscriberInOneOrder() throws Exception {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        join(channel.subscribe("t", a));
        join(channel.subscribe("t", b));
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 250; i++) {
                        join(channel.publish("t", ChannelPayload.text(thread + ":" + i)));
                    }
                    return null;
                });
            }
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(1000, a.messages.size());
        assertEquals(a.messages, b.messages, "every subscriber sees one and the same order");
    }
}
