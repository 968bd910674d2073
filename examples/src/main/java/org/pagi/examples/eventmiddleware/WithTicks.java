package org.pagi.examples.eventmiddleware;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pagi.examples.periodicevents.TickHub;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.wrappers.lifespan.Lifespan;

/**
 * The middleware of upstream's {@code 17-event-middleware} ({@code with_ticks}): it owns a ticker, started by its
 * lifespan startup hook and stopped by the shutdown hook, and for every other scope wraps {@code receive} so a
 * tick arrives as an event, {@code ext.tick} with a {@code count} field, on the same channel as {@code
 * http.request} and {@code http.disconnect}. The inner application never sees the source, nor lifespan.
 *
 * <p>Each wrapped {@code receive} races the next protocol event against the next tick. It keeps one protocol
 * receive and one tick wait outstanding across calls and never cancels either: an unconsumed protocol event is
 * delivered by a later call, in order, and a tick that fired while a protocol event won is delivered by the next
 * call rather than lost. Thread-safe.
 */
public final class WithTicks implements Application {
    /** The type of a tick on {@code receive}; {@code ext.} as the spec asks of events outside the core. */
    public static final String TICK = "ext.tick";

    private final Application app;
    private final TickHub hub = new TickHub();
    private volatile ScheduledExecutorService ticker;

    /**
     * @param inner    the application that gets the ticks
     * @param interval how often the ticker publishes; more than zero
     */
    public WithTicks(Application inner, Duration interval) {
        Objects.requireNonNull(inner, "inner");
        if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be more than zero, got " + interval);
        }
        Application delivering = (scope, receive, send) -> inner.call(scope, withTicks(receive), send);
        this.app = Lifespan.wrap(delivering)
                .onStartup("ticker", scope -> {
                    ticker = Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().name("event-middleware-ticker").daemon().factory());
                    ticker.scheduleAtFixedRate(hub::publish, interval.toMillis(), interval.toMillis(),
                            TimeUnit.MILLISECONDS);
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdown("ticker", scope -> {
                    ticker.shutdownNow();
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    /** @return whether the ticker is scheduled: from lifespan startup until shutdown */
    public boolean isTicking() {
        ScheduledExecutorService running = ticker;
        return running != null && !running.isShutdown();
    }

    /** @return the source, for tests and demonstrations: {@code hub().publish()} ticks now */
    public TickHub hub() {
        return hub;
    }

    private Receive withTicks(Receive receive) {
        return new Receive() {
            private CompletableFuture<Event> protocol; // the one outstanding protocol receive; one caller at a time
            private CompletableFuture<Long> tickWait;  // the one outstanding tick wait, kept until a tick comes

            @Override
            public synchronized CompletionStage<Event> receive() {
                if (protocol == null) {
                    protocol = receive.receive().toCompletableFuture();
                }
                if (tickWait == null) {
                    tickWait = hub.nextTick();
                }
                CompletableFuture<Event> pending = protocol;
                CompletableFuture<Long> tick = tickWait;
                return CompletableFuture.anyOf(pending, tick).thenApply(first -> {
                    synchronized (this) {
                        if (tick.isDone()) { // a tick that fired is never dropped; a ready protocol event waits
                            tickWait = null;
                            return new ExtensionEvent(TICK, Map.of("count", tick.join()));
                        }
                        protocol = null; // consumed: the next call asks the server again
                        Event event = pending.join();
                        if (event instanceof HttpDisconnect) {
                            hub.forget(tick); // nobody will ask again: the wait no longer counts
                            tickWait = null;
                        }
                        return event;
                    }
                });
            }
        };
    }
}
