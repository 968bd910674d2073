package org.pagi.examples.flowcontrol;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.TransportFlow;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * Upstream's {@code 13-flow-control}: a high-frequency SSE feed ({@code reading} events, a fresh ~2 KB reading
 * every 20 ms) that conflates under backpressure. Before sending a reading it asks whether the client is behind:
 * its previous reading is still on its way (the server has not taken it), or {@code pagi.transport} reports more
 * than half the high-water mark queued for the client. If so the reading is skipped, and the client gets the
 * next, fresher one; a slow client never builds a backlog of stale readings, and the application never waits in
 * {@code send}. With a fast client nothing is skipped.
 *
 * <p>Every 50 readings it logs {@code [healthy]} or {@code [CONFLATING]} with the counts sent and skipped and the
 * bytes buffered, as upstream. Only {@code sse} scopes are served (an {@code EventSource}, or {@code curl -H
 * "Accept: text/event-stream"}); anything else fails with {@link UnsupportedScopeException}. Each stream runs on
 * a virtual thread of its own, which waits for readings, never for the client. Thread-safe.
 */
public final class App implements Application {
    /** The high-water mark assumed when the server reports none, as upstream. */
    static final long DEFAULT_CEILING = 65_536;

    private static final System.Logger LOG = System.getLogger(App.class.getName());

    private final Supplier<Readings> readings;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The example as {@code bin/pagi-server --app} creates it: readings from the clock. */
    public App() {
        this(Readings::clock);
    }

    /** @param readings gives each new stream its source of readings */
    public App(Supplier<Readings> readings) {
        this.readings = Objects.requireNonNull(readings, "readings");
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof SseScope sseScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        Sse sse = Sse.of(sseScope, receive, send);
        Readings source = readings.get();
        return CompletableFuture.runAsync(() -> feed(sse, source),
                task -> Thread.ofVirtual().name("flow-control-feed").start(task));
    }

    private void feed(Sse sse, Readings source) {
        sse.start().toCompletableFuture().join();
        TransportFlow transport = sse.scope().transport();
        long ceiling = transport.highWaterMark().orElse(DEFAULT_CEILING);
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        long iterations = 0;
        try {
            while (sse.isConnected()) {
                Optional<String> reading = source.next();
                if (reading.isEmpty()) {
                    break;
                }
                iterations++;
                boolean behind = !previous.isDone() || transport.bufferedAmount() > ceiling / 2;
                if (behind) {
                    skipped.incrementAndGet();
                } else {
                    sent.incrementAndGet();
                    inFlight.incrementAndGet();
                    previous = sse.send(ServerEvent.named("reading", reading.get())).toCompletableFuture();
                    // counted down once the send is done, never before: inFlight() == 0 means the next is not behind
                    previous.whenComplete((v, failure) -> inFlight.decrementAndGet());
                }
                if (iterations % 50 == 0) {
                    LOG.log(System.Logger.Level.INFO, "[{0}] sent={1} skipped={2} buffered={3}",
                            behind ? "CONFLATING" : "healthy", sent.get(), skipped.get(), transport.bufferedAmount());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sse.close();
        }
    }

    /** @return readings sent, over every stream */
    public long sent() {
        return sent.get();
    }

    /** @return readings skipped because the client was behind, over every stream */
    public long skipped() {
        return skipped.get();
    }

    /** @return readings sent that the server has not taken yet */
    public int inFlight() {
        return inFlight.get();
    }
}
