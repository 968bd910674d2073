package org.pagi.examples.ssedashboard;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelMessage;
import org.pagi.wrappers.apps.ChannelPayload;

/**
 * This instance's readings: one every {@code interval} while at least one of its streams is open (started by the
 * first, stopped when the last leaves, as upstream does), each published on the channel as a {@code metrics}
 * event naming this instance and numbered 1, 2, 3, ... by it, so a page can tell a gap in one instance's readings
 * from a quiet spell. Every instance sharing the channel takes its own readings (one ticker per instance), and
 * every stream on every instance shows all of them. Thread-safe.
 */
final class MetricsFeed {
    private static final System.Logger LOG = System.getLogger(MetricsFeed.class.getName());

    private final Duration interval;
    private final Supplier<Metrics> readings;
    private final Channel channel;
    private final String topic;
    private final String instance;
    private long taken;
    private int streams;
    private ScheduledExecutorService ticker;

    MetricsFeed(Duration interval, Supplier<Metrics> readings, Channel channel, String topic, String instance) {
        this.interval = interval;
        this.readings = readings;
        this.channel = channel;
        this.topic = topic;
        this.instance = instance;
    }

    /**
     * Takes a reading and publishes it. Under this object's lock, so this instance's readings reach the channel
     * in the order they are numbered.
     *
     * @return the message as the channel took it, with the id every stream sends it with; fails when the channel
     *     refused it
     */
    synchronized CompletionStage<ChannelMessage> publish() {
        Metrics m = readings.get();
        String data = JsonText.object("cpu", m.cpu(), "memory", m.memory(), "requests", m.requests(),
                "timestamp", m.timestamp(), "instance", instance, "reading", ++taken);
        return channel.publish(topic, ChannelPayload.text(data).withEvent("metrics"));
    }

    private void tick() {
        publish().exceptionally(failure -> {
            // the channel's store is away: this reading is lost, and said so; the next tick tries again
            LOG.log(System.Logger.Level.WARNING, "sse-dashboard: reading " + taken + " was not published", failure);
            return null;
        });
    }

    /** A stream of this instance opened: starts the readings when it is the first. */
    synchronized void streamOpened() {
        if (streams++ == 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("sse-dashboard-feed").factory());
            long nanos = interval.toNanos();
            ticker.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A stream of this instance ended: stops the readings when it was the last. */
    synchronized void streamClosed() {
        if (--streams == 0) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /** Whether readings are being taken: some stream of this instance is open. */
    synchronized boolean isTicking() {
        return ticker != null;
    }

    /** How many readings this instance has taken. */
    synchronized long taken() {
        return taken;
    }
}
