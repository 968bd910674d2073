package org.pagi.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.middleware.redis.RedisServerProcess;

/**
 * The broadcast load program with tiny parameters over real sockets (three instances sharing an in-memory
 * channel; three instances on one redis-server, each with its own channel), and its accounting: a message that
 * never arrives is counted as lost, reported loudly and fails the run. No figure is judged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BroadcastLoadTest {

    @Test
    void everySubscriberOnEveryInstanceGetsEveryMessageOfEveryPhase() throws Exception {
        BroadcastLoad.Result r = BroadcastLoad.run(BroadcastLoad.Settings.parse("--channel", "memory:",
                "--instances", "3", "--subscribers", "30", "--warmup-messages", "5", "--messages", "20", "--rate",
                "200", "--flat-messages", "50", "--window", "8", "--stall", "10"));
        assertEquals(30, r.opened());
        assertEquals(0, r.errors(), r.firstError());
        assertEquals(List.of("warm-up", "paced", "flat-out"), r.phases().stream().map(BroadcastLoad.Phase::phase)
                .toList());
        int[] messages = {5, 20, 50};
        for (int i = 0; i < messages.length; i++) {
            BroadcastLoad.Phase p = r.phases().get(i);
            assertEquals(messages[i] * 30L, p.expected(), p.phase());
            assertEquals(p.expected(), p.received(), p.phase());
            assertEquals(p.received(), p.latency().count(), "one latency per delivery in " + p.phase());
            assertTrue(p.ms(0.5) > 0 && p.ms(1.0) >= p.ms(0.99), p.phase());
            assertTrue(p.deliveriesPerSecond() > 0, p.phase());
            assertFalse(Double.isNaN(p.cpu().jvm()), "this JVM's CPU is measured in " + p.phase());
            assertTrue(Double.isNaN(p.cpu().store()), "no store process was named");
        }
        assertTrue(r.clean());
        String line = r.phases().get(2).resultLine(r.settings(), r.errors());
        assertTrue(line.startsWith("RESULT program=broadcast channel=memory instances=3 subscribers=30"
                + " phase=flat-out messages=50 rate=max "), line);
        assertTrue(line.contains(" expected=1500 received=1500 lost=0 "), line);
    }

    @Test
    void threeInstancesOnOneRedisEachWithItsOwnChannelDeliverEverything() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            BroadcastLoad.Result r = BroadcastLoad.run(BroadcastLoad.Settings.parse("--channel", redis.url(),
                    "--instances", "3", "--subscribers", "12", "--warmup-messages", "5", "--messages", "10",
                    "--rate", "100", "--flat-messages", "40", "--window", "4", "--stall", "10"));
            assertEquals(0, r.errors(), r.firstError());
            for (BroadcastLoad.Phase p : r.phases()) {
                assertTrue(p.expected() > 0 && p.received() == p.expected(), p.phase() + ": " + p.received());
            }
            assertTrue(r.clean());
        }
    }

    @Test
    void aGapIsCountedAsMissingAndAnOlderMessageAsAnError() {
        Errors errors = new Errors();
        BroadcastDeliveries deliveries = new BroadcastDeliveries(1, 10);
        BroadcastSubscriber sub = new BroadcastSubscriber(7, new int[] {0, 2, 5}, deliveries, errors);
        long now = System.nanoTime();
        sub.arrived(new BroadcastMessage(0, now).text(64), now + 1_000);
        sub.arrived(new BroadcastMessage(2, now).text(64), now + 2_000);
        assertEquals(1, sub.missing());
        assertEquals(1, errors.count());
        assertEquals("subscriber 7: messages 1 to 1 never arrived", errors.first());
        assertEquals(1, sub.received(0));
        assertEquals(1, sub.received(1));
        sub.arrived(new BroadcastMessage(1, now).text(64), now + 3_000);
        assertEquals(2, errors.count(), "a message older than one received is an error");
        sub.arrived("hello", now);
        assertEquals(3, errors.count(), "a message this program did not send is an error");
        assertEquals(1, deliveries.complete(), "message 1 never reached the one subscriber");
    }

    @Test
    void aPhaseWhoseDeliveriesStallGivesUp() throws InterruptedException {
        BroadcastDeliveries deliveries = new BroadcastDeliveries(2, 3);
        deliveries.delivered(0);
        assertFalse(deliveries.awaitComplete(1, TimeUnit.MILLISECONDS.toNanos(50)));
        deliveries.delivered(0);
        assertTrue(deliveries.awaitComplete(1, TimeUnit.MILLISECONDS.toNanos(50)));
        assertTrue(deliveries.awaitComplete(-5, 0), "nothing to wait for before the window fills");
    }

    @Test
    void aLostDeliveryIsPrintedLoudlyAndFailsTheRun() {
        BroadcastLoad.Settings s = BroadcastLoad.Settings.parse("--channel", "memory:", "--subscribers", "2");
        LatencyHistogram latency = new LatencyHistogram();
        latency.record(1_000_000);
        BroadcastLoad.Phase p = new BroadcastLoad.Phase("paced", 3, 0.03, 0.05, 6, 5, latency,
                new BroadcastCpu.Usage(10, Double.NaN, "main 10 (1)"));
        BroadcastLoad.Result r = new BroadcastLoad.Result(s, 2, List.of(p), 0, "none");
        assertFalse(r.clean());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BroadcastReport.print(r, "0.00 0.00 0.00", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("!!! LOST in paced: 1 of 6 deliveries never arrived !!!"), out);
        assertTrue(out.contains("RESULT program=broadcast channel=memory instances=1 subscribers=2 phase=paced"
                + " messages=3 rate=100.0 publish_rate=100.0 expected=6 received=5 lost=1 "), out);
    }

    @Test
    void messagesCarryTheirNumberAndSendTime() {
        String text = new BroadcastMessage(42, 123_456_789_012L).text(64);
        assertEquals(64, text.length());
        assertEquals(new BroadcastMessage(42, 123_456_789_012L), BroadcastMessage.parse(text));
        assertThrows(IllegalArgumentException.class, () -> BroadcastMessage.parse("42 x "));
    }

    @Test
    void commandLinesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> BroadcastLoad.Settings.parse("--instances", "3"));
        assertThrows(IllegalArgumentException.class,
                () -> BroadcastLoad.Settings.parse("--channel", "kafka://127.0.0.1:9092"));
        assertThrows(IllegalArgumentException.class,
                () -> BroadcastLoad.Settings.parse("--channel", "memory:", "--size", "8"));
        assertThrows(IllegalArgumentException.class,
                () -> BroadcastLoad.Settings.parse("--channel", "memory:", "--mode", "threads"));
        assertEquals(3, BroadcastLoad.Settings.parse("--channel", "redis://127.0.0.1:6379", "--instances", "3")
                .instances());
    }
}
