package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.ChannelSubscription;
import org.pagi.wrappers.apps.Channels;

/**
 * {@link RedisChannel} on Debian's redis-server (never skipped): the contract, plus what needs the server's
 * process: Redis killed and restarted under open subscriptions, and settings refused by name.
 */
class RedisChannelTest extends RedisChannelContractTest {
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Override
    String redisUrl() {
        return server.url();
    }

    @Test
    void whileRedisIsDownPublishesFailNamingItAndSubscriptionsResumeByThemselvesWhenItIsBack() throws Exception {
        RedisChannel publisher = channel(c -> c.presenceTtl(Duration.ofMillis(300)));
        RedisChannel subscriber = channel();
        join(publisher.enter("room", "u1", "Alice"));
        Recorder r = new Recorder();
        ChannelSubscription sub = join(subscriber.subscribe("room", r));
        ChannelMessage before = join(publisher.publish("room", ChannelPayload.text("before")));
        assertEquals(before, r.next());
        server.stop();
        ChannelException down = failure(publisher.publish("room", ChannelPayload.text("lost")));
        assertTrue(down.getMessage().startsWith("cannot publish on 'room': Redis at 127.0.0.1:" + server.port()),
                down.getMessage());
        assertTrue(failure(publisher.members("room")).getMessage().contains("127.0.0.1:" + server.port()));
        ChannelException noSubscription = failure(subscriber.subscribe("other", new Recorder()));
        assertTrue(noSubscription.getMessage().startsWith("cannot subscribe to 'other': Redis at 127.0.0.1:"
                + server.port()), noSubscription.getMessage());
        assertTrue(sub.isOpen(), "an outage does not end a subscription");
        server.restart();
        // the publisher's connection and the subscriber's re-subscription come back each in its own time
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        ChannelMessage received = null;
        while (received == null && System.nanoTime() < deadline) {
            try {
                join(publisher.publish("room", ChannelPayload.text("after")));
                received = r.messages.poll(200, TimeUnit.MILLISECONDS);
            } catch (ExecutionException notBackYet) {
                Thread.sleep(100);
            }
        }
        assertTrue(received != null, "the same subscription received again without subscribing anew");
        assertEquals("after", received.payload().text());
        assertTrue(sub.isOpen());
        assertFalse(r.failure.isDone());
        assertFalse(r.overlapped);
        // the restarted Redis kept nothing: the renewals put this process's member back
        awaitMembers(subscriber, "room", java.util.Map.of("u1", "Alice"));
        // and a client resuming from before is told it may have missed some
        assertTrue(join(subscriber.history("room", Optional.of(before.id()), 10)).truncated());
    }

    @Test
    void anUnreachableRedisIsAnErrorNamingTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        ChannelException e = assertThrows(ChannelException.class,
                () -> Channels.open("redis://127.0.0.1:" + closed + "?timeout=1000"));
        assertTrue(e.getMessage().startsWith("Redis at 127.0.0.1:" + closed + " is unreachable"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("history must be 0 to 1000000, got 1000001",
                assertThrows(IllegalArgumentException.class, () -> RedisChannel.builder().history(1_000_001))
                        .getMessage());
        assertEquals("presenceTtl must be 100 ms to 1 day, got PT0.05S", assertThrows(IllegalArgumentException.class,
                () -> RedisChannel.builder().presenceTtl(Duration.ofMillis(50))).getMessage());
        assertEquals("prefix contains a control character at index 1", assertThrows(IllegalArgumentException.class,
                () -> RedisChannel.builder().prefix("a\nb")).getMessage());
        assertEquals("prefix must be at most 64 characters, got 65", assertThrows(IllegalArgumentException.class,
                () -> RedisChannel.builder().prefix("p".repeat(65))).getMessage());
        assertEquals("maxTopics must be 1 or more, got 0", assertThrows(IllegalArgumentException.class,
                () -> RedisChannel.builder().maxTopics(0)).getMessage());
        assertEquals("maxQueued must be 1 or more, got 0", assertThrows(IllegalArgumentException.class,
                () -> RedisChannel.builder().maxQueued(0)).getMessage());
        assertEquals("redis must be set", assertThrows(IllegalStateException.class,
                () -> RedisChannel.builder().build()).getMessage());
        assertEquals("presenceTtl must be a whole number, got 'soon'", assertThrows(IllegalArgumentException.class,
                () -> Channels.open(server.url() + "?presenceTtl=soon")).getMessage());
    }

    @Test
    void aListenerThatFallsBehindMaxQueuedIsEndedNamingTheLimit() throws Exception {
        RedisChannel a = channel(c -> c.maxQueued(3));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Recorder stuck = new Recorder() {
            @Override
            public void onMessage(ChannelMessage message) {
                try {
                    release.await(); // a listener that blocks, against the rules, so that messages pile up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ChannelSubscription sub = join(a.subscribe("room", stuck));
        for (int i = 0; i < 10; i++) {
            join(a.publish("room", ChannelPayload.text("m" + i)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sub.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10); // the overflow closes the subscription on the client's thread as messages arrive
        }
        assertFalse(sub.isOpen(), "more than maxQueued waiting ends the subscription");
        release.countDown();
        Throwable cause = stuck.failure.get(10, TimeUnit.SECONDS);
        assertTrue(cause.getMessage().contains("(maxQueued)"), cause.getMessage());
        assertSame(ChannelException.class, cause.getClass());
    }
}
