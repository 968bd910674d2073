package org.pagi.examples.ssedashboard;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

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

    /**
     * Takes a reading and sends it to every attached stream, with the next id. Under the lock {@link #join} holds
     * too: events reach the history in id order, and never between a stream's greeting and its attachment.
     */
    synchronized ServerEvent publish() {
        lastId++;
        Metrics m = readings.get();
        String data = JsonText.object("cpu", m.cpu(), "memory", m.memory(), "requests", m.requests(),
                "timestamp", m.timestamp());
        ServerEvent event = ServerEvent.named("metrics", data).withId(Long.toString(lastId));
        history.publish(event);
        return event;
    }

    /**
     * A stream joins: {@code greet} sends its first events, then the stream is attached to the history (which
     * replays what it missed after its {@code Last-Event-ID}), with no reading published in between, so a client
     * that has seen its greeting gets every reading published after it. Starts the readings when it is the first.
     *
     * @return completes when the greeting and the replay were sent
     */
    synchronized CompletionStage<Void> join(Sse sse, Supplier<CompletionStage<Void>> greet) {
        if (subscribers++ == 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("sse-dashboard-feed").factory());
            long nanos = interval.toNanos();
            ticker.scheduleAtFixedRate(this::publish, nanos, nanos, TimeUnit.NANOSECONDS);
        }
        CompletionStage<Void> greeted = greet.get();
        CompletionStage<Void> replayed = history.attach(sse);
        return greeted.thenCombine(replayed, (a, b) -> null);
    }

    /** A stream ended: stops the readings when it was the last. */
    synchronized void leave() {
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
