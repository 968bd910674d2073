package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.wrappers.apps.InMemoryChannelTest.Recorder;

/** The in-memory channel's pattern subscriptions: matching, the bound, failures, one thread at a time. */
@Timeout(30)
class InMemoryChannelPatternTest {

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void aPatternReceivesEveryMatchingTopicWithItsTopicAlsoWithoutPlainSubscribers() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder rooms = new Recorder();
        Recorder plain = new Recorder();
        ChannelSubscription sub = join(channel.subscribePattern("chat:?oom*", rooms));
        join(channel.subscribe("chat:room1", plain));
        join(channel.subscribe("chat:room1", rooms)); // the same listener by topic too: once per subscription

        join(channel.publish("chat:room1", ChannelPayload.text("a")));
        join(channel.publish("chat:zoom", ChannelPayload.text("b"))); // no plain subscriber
        join(channel.publish("chat:", ChannelPayload.text("not matched")));
        join(channel.publish("other", ChannelPayload.text("not matched")));

        assertEquals("chat:?oom*", sub.topic(), "a pattern subscription's topic is the pattern");
        assertEquals(List.of("a", "a", "b"), rooms.texts());
        assertEquals(List.of("chat:room1", "chat:room1", "chat:zoom"),
                rooms.messages.stream().map(ChannelMessage::topic).toList());
        assertEquals(List.of("a"), plain.texts());
        assertEquals(1, channel.patternCount());
        assertEquals(1, channel.topicCount(), "a pattern opens no topic");
    }

    @Test
    void aClosedPatternReceivesNothingMoreAndFreesItsPlace() {
        InMemoryChannel channel = InMemoryChannel.builder().maxPatterns(1).build();
        Recorder r = new Recorder();
        ChannelSubscription sub = join(channel.subscribePattern("*", r));
        join(channel.publish("x", ChannelPayload.text("before")));
        join(sub.close());
        join(sub.close()); // idempotent
        join(channel.publish("x", ChannelPayload.text("after")));
        assertEquals(List.of("before"), r.texts());
        assertFalse(sub.isOpen());
        assertEquals(0, channel.patternCount());
        join(channel.subscribePattern("*", new Recorder())); // the one place is free again
    }

    @Test
    void patternsBeyondMaxPatternsAreRefusedByName() {
        InMemoryChannel channel = InMemoryChannel.builder().maxPatterns(2).build();
        join(channel.subscribePattern("a*", new Recorder()));
        join(channel.subscribePattern("b*", new Recorder()));
        CompletionException e = assertThrows(CompletionException.class,
                () -> join(channel.subscribePattern("c*", new Recorder())));
        assertInstanceOf(ChannelException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("maxPatterns"), e.getCause().getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> InMemoryChannel.builder().maxPatterns(0));
        assertEquals("maxPatterns must be 1 or more, got 0", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> channel.subscribePattern("", new Recorder()));
    }

    @Test
    void aThrowingPatternListenerIsToldOnceAndDroppedAndClosingTellsTheOthers() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder bad = new Recorder() {
            @Override
            public synchronized void onMessage(ChannelMessage message) {
                throw new IllegalStateException("listener bug");
            }
        };
        Recorder good = new Recorder();
        ChannelSubscription badSub = join(channel.subscribePattern("t*", bad));
        ChannelSubscription goodSub = join(channel.subscribePattern("t*", good));
        join(channel.publish("t1", ChannelPayload.text("1")));
        join(channel.publish("t2", ChannelPayload.text("2")));
        assertFalse(badSub.isOpen());
        assertEquals(List.of("listener bug"), bad.failures.stream().map(Throwable::getMessage).toList());
        assertEquals(List.of("1", "2"), good.texts());

        channel.close();
        assertFalse(goodSub.isOpen());
        assertInstanceOf(ChannelException.class, good.failures.getFirst());
        assertEquals(1, bad.failures.size(), "onFailure is called at most once");
        CompletionException later = assertThrows(CompletionException.class,
                () -> join(channel.subscribePattern("t*", new Recorder())));
        assertTrue(later.getCause().getMessage().contains("closed"), later.getCause().getMessage());
    }

    @Test
    void aPatternListenerThatPublishesInsideADeliveryDoesNotDeadlock() {
        InMemoryChannel channel = InMemoryChannel.create();
        Recorder echoes = new Recorder();
        join(channel.subscribe("echo", echoes));
        join(channel.subscribePattern("in:*", new Recorder() {
            @Override
            public synchronized void onMessage(ChannelMessage message) {
                channel.publish("echo", message.payload());
            }
        }));
        for (int i = 0; i < 50; i++) {
            join(channel.publish("in:" + (i % 5), ChannelPayload.text(Integer.toString(i))));
        }
        assertEquals(50, echoes.texts().size());
    }

    /**
     * Two topics published concurrently reach one pattern subscription one call at a time, each topic in publish
     * order: a listener that sees another call in progress, or a topic's counter go back, fails the test.
     */
    @Test
    void aPatternIsCalledFromOneThreadAtATimeInPublishOrderPerTopicUnderConcurrentPublishes() throws Exception {
        InMemoryChannel channel = InMemoryChannel.create();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Map<String, List<Integer>> seen = new HashMap<>();
        java.util.Set<Thread> callers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        join(channel.subscribePattern("load:*", new ChannelListener() {
            @Override
            public void onMessage(ChannelMessage message) {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                callers.add(Thread.currentThread());
                // unsynchronised on purpose: only one thread at a time may be here
                seen.computeIfAbsent(message.topic(), t -> new ArrayList<>())
                        .add(Integer.parseInt(message.payload().text()));
                Thread.yield(); // widens the window another caller would overlap in
                inside.decrementAndGet();
            }

            @Override
            public void onFailure(Throwable cause) {
                overlaps.addAndGet(1000);
            }
        }));
        int each = 5000;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (String topic : List.of("load:a", "load:b")) {
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        join(channel.publish(topic, ChannelPayload.text(Integer.toString(i))));
                    }
                    return null;
                });
            }
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        }
        assertEquals(0, overlaps.get(), "the listener was called concurrently");
        List<Integer> expected = java.util.stream.IntStream.range(0, each).boxed().toList();
        assertEquals(expected, seen.get("load:a"), "load:a in publish order, none lost");
        assertEquals(expected, seen.get("load:b"), "load:b in publish order, none lost");
        assertTrue(callers.size() <= 2, "delivered on the publishers' threads, no thread of the channel's own");
    }
}
