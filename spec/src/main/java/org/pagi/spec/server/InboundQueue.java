package org.pagi.spec.server;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketReceive;

/**
 * The inbound side of one application call: the events a server (or the test client) has for the application,
 * served to its {@code receive()} one at a time.
 *
 * <h2>Theory of operation</h2>
 * The owner {@linkplain #offer offers} events as they arrive; {@link #receive()} hands out the oldest, or a
 * stage that completes with the next one. A disconnect event, once handed out, is handed out again on every
 * later call, as the spec requires. Calls to {@code receive()} must not overlap; an overlapping call fails
 * with an {@link IllegalStateException} saying so.
 *
 * <p>The queue counts the payload bytes it holds so the owner can stop reading from the network while the
 * application is not reading ({@link #queuedBytes()}), and it tells the {@link Listener} when the application
 * first asks for an event (a server sends {@code 100 Continue} then) and whenever it takes payload bytes out
 * (a server resumes reading then).
 *
 * <p>Thread-safe: the owner offers from its thread, the application receives from its own. Listener calls and
 * waiter completions run outside the lock.
 */
public final class InboundQueue {

    /** What the owner wants to hear about. Both methods run on the application's thread. */
    public interface Listener {
        /** The application asked for an event for the first time. */
        default void firstReceive() {
        }

        /** The application took {@code bytes} payload bytes out of the queue. */
        default void taken(long bytes) {
        }
    }

    private static final Listener NONE = new Listener() {
    };

    private final Listener listener;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private CompletableFuture<Event> waiter;
    private Event terminal;
    private long queuedBytes;
    private boolean asked;

    /** @return a queue with no listener */
    public InboundQueue() {
        this(NONE);
    }

    /** @param listener told about first receives and bytes taken */
    public InboundQueue(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @return a stage with the next event; see the class comment */
    public CompletionStage<Event> receive() {
        boolean first;
        Event next;
        CompletableFuture<Event> pending = null;
        synchronized (this) {
            first = !asked;
            asked = true;
            next = events.poll();
            if (next == null) {
                if (terminal != null) {
                    next = terminal;
                } else if (waiter != null) {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                            "receive() called again before the previous receive() completed; await each receive first"));
                } else {
                    waiter = new CompletableFuture<>();
                    pending = waiter;
                }
            } else {
                queuedBytes -= payloadBytes(next);
                take(next);
            }
        }
        if (first) {
            listener.firstReceive();
        }
        if (next == null) {
            return pending;
        }
        long bytes = payloadBytes(next);
        if (bytes > 0) {
            listener.taken(bytes);
        }
        return CompletableFuture.completedFuture(next);
    }

    /**
     * Adds an event for the application. Nothing is added after a disconnect event was offered.
     *
     * @return false if the event was refused because a disconnect came first
     */
    public boolean offer(Event event) {
        CompletableFuture<Event> w;
        synchronized (this) {
            if (terminal != null || isTerminalOffered()) {
                return false;
            }
            if (waiter == null) {
                events.add(event);
                queuedBytes += payloadBytes(event);
                return true;
            }
            w = waiter;
            waiter = null;
            take(event);
        }
        w.complete(event);
        return true;
    }

    /**
     * Drops the queued events that {@code unwanted} matches, as if the application had taken them: for events the
     * spec says it no longer gets, such as WebSocket messages still queued when the application sent its own
     * {@code websocket.close} (messages arrive only while the WebSocket is open). The listener hears of the bytes
     * as taken, so a server that paused reading for them resumes.
     *
     * @return how many events were dropped
     */
    public int discard(java.util.function.Predicate<Event> unwanted) {
        long bytes = 0;
        int n = 0;
        synchronized (this) {
            for (java.util.Iterator<Event> it = events.iterator(); it.hasNext();) {
                Event e = it.next();
                if (unwanted.test(e)) {
                    it.remove();
                    bytes += payloadBytes(e);
                    n++;
                }
            }
            queuedBytes -= bytes;
        }
        if (bytes > 0) {
            listener.taken(bytes);
        }
        return n;
    }

    /** @return the payload bytes waiting for the application */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** @return whether the application is waiting in {@code receive()} */
    public synchronized boolean hasWaiter() {
        return waiter != null;
    }

    /** @return whether a disconnect event has been offered */
    public synchronized boolean isClosed() {
        return terminal != null || isTerminalOffered();
    }

    private boolean isTerminalOffered() {
        Event last = events.peekLast();
        return last != null && isTerminal(last);
    }

    private void take(Event event) {
        if (isTerminal(event)) {
            terminal = event;
        }
    }

    private static long payloadBytes(Event event) {
        return switch (event) {
            case HttpRequest r -> r.body().length();
            case SseRequest r -> r.body().length();
            case WebSocketReceive r -> r.bytes().map(b -> (long) b.length())
                    .orElseGet(() -> (long) r.text().orElse("").length());
            default -> 0;
        };
    }

    private static boolean isTerminal(Event event) {
        return event instanceof HttpDisconnect || event instanceof WebSocketDisconnect || event instanceof SseDisconnect;
    }
}
