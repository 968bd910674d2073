package org.pagi.middleware.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelHistory;
import org.pagi.wrappers.apps.ChannelListener;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;
import org.pagi.wrappers.apps.ChannelPresence;
import org.pagi.wrappers.apps.ChannelSubscription;
import org.pagi.wrappers.apps.Channels;

/**
 * The channel contract of {@link RedisChannel}, run against a Redis a subclass names: Debian's redis-server
 * ({@link RedisChannelTest}, never skipped) and the {@code redis:7} image ({@link RedisChannelContainerTest}). Two
 * channels on one Redis stand for two processes; each test has its own key prefix.
 */
@Timeout(60)
abstract class RedisChannelContractTest {
    /** Held so that the setting stays: the client's reconnect lines (INFO) would fill the test output. */
    private static final java.util.logging.Logger LETTUCE = quiet(java.util.logging.Logger.getLogger("io.lettuce"));

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** @return {@code redis://host:port} of the Redis under test */
    abstract String redisUrl();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;

    @BeforeEach
    void ownPrefix() {
        prefix = "test-" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    /** @return a channel with its own connection, this test's prefix and {@code settings} */
    RedisChannel channel(Consumer<RedisChannel.Builder> settings) {
        Redis redis = opened(Redis.connect(redisUrl(), Duration.ofSeconds(1)));
        RedisChannel.Builder b = RedisChannel.builder().redis(redis).prefix(prefix);
        settings.accept(b);
        return opened(b.build());
    }

    RedisChannel channel() {
        return channel(b -> { });
    }

    String prefix() {
        return prefix;
    }

    <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** @return the {@link ChannelException} the stage failed with */
    static ChannelException failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(ChannelException.class, e.getCause());
    }

    /** Records a subscription's deliveries from whatever thread they come, and checks they never overlap. */
    static class Recorder implements ChannelListener {
        final BlockingQueue<ChannelMessage> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;
        volatile RuntimeException throwOn;

        @Override
        public void onMessage(ChannelMessage message) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            try {
                if (throwOn != null) {
                    throw throwOn;
                }
                messages.add(message);
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            if (!failure.complete(cause)) {
                overlapped = true; // a second onFailure breaks the contract as much as overlapping calls
            }
        }

        ChannelMessage next() throws InterruptedException {
            ChannelMessage m = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "a message within 10 s");
            return m;
        }
    }

    @Test
    void aMessagePublishedByOneProcessReachesEverySubscriberOfAnotherInPublishOrder() throws Exception {
        RedisChannel a = channel();
        RedisChannel b = channel();
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        ChannelSubscription sub1 = join(b.subscribe("room", first));
        join(b.subscribe("room", second));
        assertEquals(1, b.subscribedTopicCount(), "one Redis subscription serves both listeners");
        List<ChannelMessage> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ChannelPayload payload = i % 3 == 0 ? ChannelPayload.bytes(Bytes.of(new byte[] {0, (byte) i, -1, '\n'}))
                    : ChannelPayload.text("line " + i + "\nwith a line feed, é").withEvent("e" + i).withOrigin("o");
            sent.add(join(a.publish("room", payload)));
        }
        for (Recorder r : List.of(first, second)) {
            for (ChannelMessage expected : sent) {
                assertEquals(expected, r.next());
            }
            assertFalse(r.overlapped);
        }
        join(sub1.close());
        assertFalse(sub1.isOpen());
        ChannelMessage after = join(a.publish("room", ChannelPayload.text("after")));
        assertEquals(after, second.next());
        assertNull(first.messages.poll(), "a closed subscription receives nothing more");
        assertEquals(1, b.subscribedTopicCount());
    }

    @Test
    void idsAreStreamIdsInPublishOrderAndWithoutHistoryComeFromACounter() throws Exception {
        RedisChannel a = channel();
        String x = join(a.publish("t", ChannelPayload.text("x"))).id();
        String y = join(a.publish("t", ChannelPayload.text("y"))).id();
        assertTrue(RedisChannelCodec.isStreamId(x) && RedisChannelCodec.isStreamId(y), x + " " + y);
        assertTrue(RedisChannelCodec.compareStreamIds(x, y) < 0, x + " < " + y);
        RedisChannel none = channel(c -> c.history(0));
        long p = Long.parseLong(join(none.publish("t", ChannelPayload.text("x"))).id());
        long q = Long.parseLong(join(none.publish("u", ChannelPayload.text("y"))).id());
        assertEquals(p + 1, q);
        assertEquals(0, none.historyLength());
        assertEquals(new ChannelHistory(List.of(), true), join(none.history("t", Optional.empty(), 10)));
    }

    @Test
    void patternsMatchStarAndQuestionMarkAndEverythingElseLiterally() throws Exception {
        RedisChannel a = channel();
        RedisChannel b = channel();
        Recorder star = new Recorder();
        Recorder one = new Recorder();
        Recorder bracket = new Recorder();
        ChannelSubscription s = join(b.subscribePattern("room.*", star));
        assertEquals("room.*", s.topic());
        join(b.subscribePattern("a?c", one));
        join(b.subscribePattern("[x]*", bracket));
        for (String topic : List.of("room.1", "roomX1", "room.é", "abc", "aéc", "abbc", "ac", "x1", "[x]1", "end")) {
            join(a.publish(topic, ChannelPayload.text(topic)));
        }
        join(a.publish("room.end", ChannelPayload.text("end")));
        join(a.publish("a.c", ChannelPayload.text("end")));
        join(a.publish("[x]end", ChannelPayload.text("end")));
        assertEquals(List.of("room.1", "room.é", "room.end"), topics(star, 3));
        assertEquals(List.of("abc", "aéc", "a.c"), topics(one, 3));
        assertEquals(List.of("[x]1", "[x]end"), topics(bracket, 2));
    }

    private static List<String> topics(Recorder r, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.next().topic());
        }
        return out;
    }

    @Test
    void historyReplaysWhatAClientMissedAndSaysWhenSomeAreNoLongerKept() throws Exception {
        RedisChannel a = channel(c -> c.history(5));
        RedisChannel b = channel(c -> c.history(5));
        assertEquals(5, b.historyLength());
        List<ChannelMessage> sent = new ArrayList<>();
        for (int i = 0; i < 250; i++) { // MAXLEN ~ trims whole stream nodes (100 entries each by default)
            sent.add(join(a.publish("feed", ChannelPayload.text("m" + i).withEvent("tick"))));
        }
        ChannelHistory recent = join(b.history("feed", Optional.of(sent.get(239).id()), 100));
        assertEquals(sent.subList(240, 250), recent.messages());
        assertFalse(recent.truncated());
        ChannelHistory cut = join(b.history("feed", Optional.of(sent.get(239).id()), 4));
        assertEquals(sent.subList(246, 250), cut.messages(), "the latest ones when the limit cuts");
        assertTrue(cut.truncated());
        ChannelHistory old = join(b.history("feed", Optional.of(sent.get(0).id()), 1000));
        assertTrue(old.truncated(), "the first message's successors were trimmed");
        assertEquals(sent.getLast(), old.messages().getLast());
        assertTrue(old.messages().size() < 249, "trimmed to about 5: " + old.messages().size());
        ChannelHistory unknown = join(b.history("feed", Optional.of("not-an-id"), 2));
        assertEquals(new ChannelHistory(sent.subList(248, 250), true), unknown);
        assertEquals(new ChannelHistory(List.of(), false),
                join(b.history("feed", Optional.of(sent.getLast().id()), 10)), "nothing missed");
        assertEquals(new ChannelHistory(List.of(), true),
                join(b.history("never-published", Optional.of(sent.getLast().id()), 10)));
        assertEquals(new ChannelHistory(List.of(), false), join(b.history("never-published", Optional.empty(), 10)));
        assertThrows(IllegalArgumentException.class, () -> b.history("feed", Optional.empty(), 0));
    }

    @Test
    void presenceListsTheMembersOfEveryProcessAndForgetsOneWhoseProcessDied() throws Exception {
        // Both share one ttl, so u1 outliving u2 shows its renewals; long enough that a process paused for a
        // moment (GC, a loaded machine) still renews in time and a member lives between two statements.
        Duration ttl = Duration.ofSeconds(2);
        RedisChannel a = channel(c -> c.presenceTtl(ttl));
        ChannelPresence alice = join(a.enter("lobby", "u1", "Alice"));
        Redis doomedRedis = Redis.connect(redisUrl(), Duration.ofSeconds(1));
        RedisChannel doomed = channel(c -> c.redis(doomedRedis).presenceTtl(ttl));
        join(doomed.enter("lobby", "u2", "Bob"));
        assertEquals(Map.of("u1", "Alice", "u2", "Bob"), join(a.members("lobby")));
        doomedRedis.close(); // the process is gone: nobody renews u2 nor makes it leave
        awaitMembers(a, "lobby", Map.of("u1", "Alice"));
        // u1 entered before u2: it is still listed because its process renews it
        assertEquals(Map.of("u1", "Alice"), join(channel().members("lobby")));
        join(alice.update("Alice B."));
        assertEquals(Map.of("u1", "Alice B."), join(a.members("lobby")));
        join(alice.leave());
        join(alice.leave());
        assertEquals(Map.of(), join(a.members("lobby")));
        assertEquals("cannot update 'u1' in 'lobby': it has left", failure(alice.update("x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.enter("lobby", "u\n3", "x"));
        assertThrows(IllegalArgumentException.class, () -> a.enter("lobby", "u3", "x".repeat(257)));
    }

    static void awaitMembers(Channel channel, String topic, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, String> now = join(channel.members(topic));
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a condition that only time brings (an expiry)
            now = join(channel.members(topic));
        }
        assertEquals(expected, now);
    }

    @Test
    void aForeignOrDamagedMessageIsSkippedAndTheSubscriptionGoesOn() throws Exception {
        RedisChannel a = channel();
        Recorder r = new Recorder();
        ChannelSubscription sub = join(a.subscribe("room", r));
        Redis raw = opened(Redis.connect(redisUrl()));
        for (String junk : List.of("garbage", "1-1\n9z\n\n\nx", "1-2\n1b\n\n\n***not base64", "1-3\n1t\n\n")) {
            raw.async().publish(prefix() + "topic:room", junk).get(5, TimeUnit.SECONDS);
        }
        ChannelMessage good = join(a.publish("room", ChannelPayload.text("good")));
        assertEquals(good, r.next());
        assertTrue(sub.isOpen());
        assertFalse(r.failure.isDone());
        assertEquals(4, a.damagedMessages());
    }

    @Test
    void aListenerThatThrowsEndsOnlyItsOwnSubscription() throws Exception {
        RedisChannel a = channel();
        Recorder bad = new Recorder();
        Recorder good = new Recorder();
        bad.throwOn = new IllegalStateException("listener bug");
        ChannelSubscription badSub = join(a.subscribe("room", bad));
        join(a.subscribe("room", good));
        ChannelMessage m1 = join(a.publish("room", ChannelPayload.text("1")));
        assertSame(bad.throwOn, bad.failure.get(10, TimeUnit.SECONDS));
        assertFalse(badSub.isOpen());
        ChannelMessage m2 = join(a.publish("room", ChannelPayload.text("2")));
        assertEquals(m1, good.next());
        assertEquals(m2, good.next());
    }

    @Test
    void closeEndsEverySubscriptionAndFailsLaterCalls() throws Exception {
        RedisChannel a = channel();
        RedisChannel b = channel();
        Recorder plain = new Recorder();
        Recorder pattern = new Recorder();
        ChannelSubscription s1 = join(b.subscribe("room", plain));
        ChannelSubscription s2 = join(b.subscribePattern("r*", pattern));
        b.close();
        assertInstanceOf(ChannelException.class, plain.failure.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ChannelException.class, pattern.failure.get(10, TimeUnit.SECONDS));
        assertFalse(s1.isOpen() || s2.isOpen());
        assertEquals("cannot publish on 'room': the channel is closed",
                failure(b.publish("room", ChannelPayload.text("x"))).getMessage());
        assertTrue(failure(b.subscribe("room", new Recorder())).getMessage().contains("closed"));
        assertTrue(failure(b.history("room", Optional.empty(), 1)).getMessage().contains("closed"));
        assertTrue(failure(b.enter("room", "m", "i")).getMessage().contains("closed"));
        join(a.publish("room", ChannelPayload.text("the other process goes on")));
        assertFalse(plain.overlapped || pattern.overlapped, "onFailure came once");
    }

    @Test
    void subscriptionsBeyondMaxTopicsAreRefusedNamingTheLimit() throws Exception {
        RedisChannel a = channel(c -> c.maxTopics(2));
        join(a.subscribe("a", new Recorder()));
        join(a.subscribePattern("b*", new Recorder()));
        join(a.subscribe("a", new Recorder())); // an existing topic costs nothing
        assertTrue(failure(a.subscribe("c", new Recorder())).getMessage().contains("(maxTopics)"));
    }

    @Test
    void theProviderOpensAChannelFromAUrlAndRefusesBadParametersByName() throws Exception {
        Channel viaUrl = Channels.open(redisUrl() + "?history=7&prefix=" + prefix() + "&presenceTtl=5000");
        opened(() -> ((RedisChannel) viaUrl).close());
        RedisChannel direct = channel();
        assertEquals(7, viaUrl.historyLength());
        Recorder r = new Recorder();
        join(direct.subscribe("t", r));
        assertEquals(join(viaUrl.publish("t", ChannelPayload.text("hi"))), r.next());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Channels.open(redisUrl() + "?histry=7"));
        assertTrue(unknown.getMessage().contains("unknown parameter 'histry'"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Channels.open(redisUrl() + "?history=-1"));
        assertEquals("history must be 0 to 1000000, got -1", bad.getMessage());
    }
}
