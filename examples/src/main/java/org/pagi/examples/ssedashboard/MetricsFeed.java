package org.pagi.examples.ssedashboard;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;

/**
 * The one source of {@code metrics} events every stream shares: a reading every {@code interval} while at least
 * one stream is open (started by the first, stopped when the last leaves, as upstream does), each with the next
 * id (1, 2, 3, ... for the life of the application), kept in a {@link ReplayBuffer} so a reconnecting client is
 * sent what it missed. Thread-safe.
 */
final class MetricsFeed {
    private final Duration interval;
    private final Supplier<Metrics> readings;
    private final ReplayBuffer history;
    private long lastId;
    private int subscribers;
    private ScheduledExecutorService ticker;

    MetricsFeed(Duration interval, int historySize, Supplier<Metrics> readings) {
        this.interval = interval;
        this.readings = readings;
        this.history = new ReplayBuffer(historySize);
    }

    /** The history streams attach to: replay after {@code Last-Event-ID}, then every event published. */
    ReplayBuffer history() {
        return history;
    }

    /** Takes a reading and sends it to every attached stream, with the next id. */
    ServerEvent publish() {
        ServerEvent event;
        synchronized (this) {
            // the id is taken and published under one lock, so events reach the history in id order
            lastId++;
            Metrics m = readings.get();
            String data = JsonText.object("cpu", m.cpu(), "memory", m.memory(), "requests", m.requests(),
                    "timestamp", m.timestamp());
            event = ServerEvent.named("metrics", data).withId(Long.toString(lastId));
            history.publish(event);
        }
        return event;
    }

    /** A stream opened: starts the readings when it is the first. */
    synchronized void subscribe() {
        if (subscribers++ == 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("sse-dashboard-feed").factory());
            long nanos = interval.toNanos();
            ticker.scheduleAtFixedRate(this::publish, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A stream ended: stops the readings when it was the last. */
    synchronized void unsubscribe() {
        if (--subscribers == 0) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /** Whether readings are being taken: some stream is open. */
    synchronized boolean isTicking() {
        return ticker != null;
    }

    /** The id of the newest event, 0 before the first. */
    synchronized long lastId() {
        return lastId;
    }
}
