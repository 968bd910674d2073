package org.pagi.wrappers.context;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;

/**
 * The one reader of a connection's {@code receive}, shared by the context's dispatcher and its wrapper so that
 * neither steals the other's events (the rule is stated in {@link Context}).
 *
 * <p>At most one read of the server's {@code receive} is in flight, and only while a reader waits. An arriving
 * event goes to the waiting wrapper when it {@linkplain #wrapperTakes takes that kind}, else to the waiting
 * dispatcher, else it is held for whichever asks next (at most {@link #MAX_HELD}; events the wrapper would drop
 * anyway are dropped). The terminal disconnect goes to every reader, and every later read yields it again, as
 * {@link Receive} promises. A failed read is likewise final for both readers.
 */
final class EventFeed {
    /** How many unclaimed events are held before the oldest is dropped. */
    static final int MAX_HELD = 64;

    private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());

    /** Who asks. */
    enum Reader { WRAPPER, DISPATCHER }

    private final Receive source;
    private final String terminalType;
    private final Predicate<Event> wrapperTakes;
    private final Predicate<Event> dropUnclaimed;
    private final Receive wrapperReceive = () -> take(Reader.WRAPPER);
    /** Completes once the wrapper was handed the disconnect, so the dispatcher never sees it first. */
    private final CompletableFuture<Void> wrapperTold = new CompletableFuture<>();
    // Guarded by this.
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    private CompletableFuture<Event> wrapperWaiting;
    private CompletableFuture<Event> dispatcherWaiting;
    private boolean reading;
    private Event terminal;
    private Throwable failure;

    /**
     * @param terminalType  the type string of the protocol's disconnect
     * @param wrapperTakes  the events the wrapper reads (besides the disconnect, which everyone gets)
     * @param dropUnclaimed the events dropped, rather than held, when nobody waits for them
     */
    EventFeed(Receive source, String terminalType, Predicate<Event> wrapperTakes, Predicate<Event> dropUnclaimed) {
        this.source = Objects.requireNonNull(source, "receive");
        this.terminalType = terminalType;
        this.wrapperTakes = wrapperTakes;
        this.dropUnclaimed = dropUnclaimed;
    }

    /** The {@code receive} the wrapper is built on. */
    Receive wrapperReceive() {
        return wrapperReceive;
    }

    /** The protocol's disconnect type string. */
    String terminalType() {
        return terminalType;
    }

    /** @return whether {@code event} is the protocol's disconnect */
    boolean isTerminal(Event event) {
        return event.type().equals(terminalType);
    }

    /**
     * @return the next event for {@code reader}; completes with {@code null} when {@link #cancel} withdrew the
     *     wait; fails with {@link IllegalStateException} when that reader already waits
     */
    CompletableFuture<Event> take(Reader reader) {
        CompletableFuture<Event> waiting;
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (terminal != null) {
                Event end = terminal;
                return reader == Reader.WRAPPER ? CompletableFuture.completedFuture(end)
                        : wrapperTold.thenApply(v -> end);
            }
            for (Iterator<Event> it = held.iterator(); it.hasNext(); ) {
                Event e = it.next();
                if (reader == Reader.DISPATCHER || wrapperTakes.test(e)) {
                    it.remove();
                    return CompletableFuture.completedFuture(e);
                }
            }
            if ((reader == Reader.WRAPPER ? wrapperWaiting : dispatcherWaiting) != null) {
                return CompletableFuture.failedFuture(new IllegalStateException("a receive is already pending for"
                        + " the " + (reader == Reader.WRAPPER ? "wrapper" : "dispatcher")
                        + "; wait for it before receiving again"));
            }
            waiting = new CompletableFuture<>();
            if (reader == Reader.WRAPPER) {
                wrapperWaiting = waiting;
            } else {
                dispatcherWaiting = waiting;
            }
        }
        pump();
        return waiting;
    }

    /** Withdraws {@code reader}'s wait: its stage completes with {@code null}; an event in flight will be held. */
    void cancel(Reader reader) {
        CompletableFuture<Event> withdrawn;
        synchronized (this) {
            if (reader == Reader.WRAPPER) {
                withdrawn = wrapperWaiting;
                wrapperWaiting = null;
            } else {
                withdrawn = dispatcherWaiting;
                dispatcherWaiting = null;
            }
        }
        if (withdrawn != null) {
            withdrawn.complete(null);
        }
    }

    private void pump() {
        synchronized (this) {
            if (reading || (wrapperWaiting == null && dispatcherWaiting == null) || terminal != null
                    || failure != null) {
                return;
            }
            reading = true;
        }
        CompletableFuture<Event> read = new CompletableFuture<>();
        try {
            source.receive().whenComplete((event, error) -> {
                if (error != null) {
                    read.completeExceptionally(error);
                } else {
                    read.complete(event);
                }
            });
        } catch (RuntimeException e) {
            read.completeExceptionally(e);
        }
        read.whenComplete(this::arrived);
    }

    private void arrived(Event event, Throwable error) {
        CompletableFuture<Event> toWrapper = null;
        CompletableFuture<Event> toDispatcher = null;
        Event dropped = null;
        Throwable fail = null;
        synchronized (this) {
            reading = false;
            if (error != null || event == null) {
                failure = error != null ? error : new IllegalStateException("receive completed without an event");
                fail = failure;
                toWrapper = wrapperWaiting;
                toDispatcher = dispatcherWaiting;
                wrapperWaiting = null;
                dispatcherWaiting = null;
            } else if (isTerminal(event)) {
                terminal = event;
                toWrapper = wrapperWaiting;
                toDispatcher = dispatcherWaiting;
                wrapperWaiting = null;
                dispatcherWaiting = null;
            } else if (wrapperWaiting != null && wrapperTakes.test(event)) {
                toWrapper = wrapperWaiting;
                wrapperWaiting = null;
            } else if (dispatcherWaiting != null) {
                toDispatcher = dispatcherWaiting;
                dispatcherWaiting = null;
            } else if (!dropUnclaimed.test(event)) {
                held.addLast(event);
                if (held.size() > MAX_HELD) {
                    dropped = held.removeFirst();
                }
            }
        }
        if (dropped != null) {
            LOG.log(System.Logger.Level.WARNING, "context: more than " + MAX_HELD + " events read that nobody"
                    + " waited for; dropped the oldest, a " + dropped.type() + " (call run() to dispatch them)");
        }
        // The wrapper first: by the time the dispatcher sees the disconnect, the wrapper knows it too.
        complete(toWrapper, event, fail);
        if (fail == null && isTerminal(event)) {
            wrapperTold.complete(null);
        }
        complete(toDispatcher, event, fail);
        pump();
    }

    private static void complete(CompletableFuture<Event> waiting, Event event, Throwable error) {
        if (waiting == null) {
            return;
        }
        if (error != null) {
            waiting.completeExceptionally(error);
        } else {
            waiting.complete(event);
        }
    }
}
