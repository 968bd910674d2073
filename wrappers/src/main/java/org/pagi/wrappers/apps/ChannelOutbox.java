package org.pagi.wrappers.apps;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One client's bounded queue of outgoing messages, so that a client that reads slowly costs a bounded amount of
 * memory and never slows the publisher or the other clients: {@link #offer} never waits, and the messages go out
 * one at a time, each after the previous send completed. When one more message would exceed
 * {@code maxMessages} waiting, or {@code maxBytes} waiting (a message into an empty queue is always taken), the
 * outbox closes, drops what waits, and runs {@code onOverflow} once: the app then drops the client.
 *
 * <p>An outbox starts held: offers queue (within the bounds) but nothing is sent before {@link #open()}, so an app
 * can subscribe before it accepts a socket or starts a stream and lose nothing in between. A failed send (the
 * client has gone) closes the outbox quietly. Thread-safe; the sends run on the thread
 * that offered or on the thread that completed the previous send.
 */
final class ChannelOutbox<T> {
    private final int maxMessages;
    private final long maxBytes;
    private final ToLongFunction<? super T> sizeOf;
    private final Function<? super T, ? extends CompletionStage<?>> sender;
    private final Runnable onOverflow;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean held = true;
    private boolean sending;
    private boolean closed;

    ChannelOutbox(int maxMessages, long maxBytes, ToLongFunction<? super T> sizeOf,
            Function<? super T, ? extends CompletionStage<?>> sender, Runnable onOverflow) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
        this.sender = sender;
        this.onOverflow = onOverflow;
    }

    /** @return false when the outbox is closed, or this message overflowed it (and closed it) */
    boolean offer(T message) {
        long size = sizeOf.applyAsLong(message);
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            overflow = waiting.size() >= maxMessages || (!waiting.isEmpty() && waitingBytes + size > maxBytes);
            if (overflow) {
                closeLocked();
            } else {
                waiting.addLast(message);
                waitingBytes += size;
                if (sending || held) {
                    return true;
                }
                sending = true;
            }
        }
        if (overflow) {
            onOverflow.run();
            return false;
        }
        drain();
        return true;
    }

    /** Queues {@code messages} past the bounds (a replay, bounded by its own history), then sends them. */
    void preload(List<? extends T> messages) {
        synchronized (this) {
            if (closed || messages.isEmpty()) {
                return;
            }
            for (T m : messages) {
                waiting.addLast(m);
                waitingBytes += sizeOf.applyAsLong(m);
            }
            if (sending || held) {
                return;
            }
            sending = true;
        }
        drain();
    }

    /** Starts sending: what was offered so far first. */
    void open() {
        synchronized (this) {
            held = false;
            if (sending || closed || waiting.isEmpty()) {
                return;
            }
            sending = true;
        }
        drain();
    }

    /** Drops what waits; later offers return false. */
    synchronized void close() {
        closeLocked();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** @return how many messages wait (not counting one being sent) */
    synchronized int waiting() {
        return waiting.size();
    }

    private void closeLocked() {
        closed = true;
        waiting.clear();
        waitingBytes = 0;
    }

    /** Sends while messages wait; returns when one send is pending (its completion carries on) or none waits. */
    private void drain() {
        while (true) {
            T next;
            synchronized (this) {
                next = closed ? null : waiting.pollFirst();
                if (next == null) {
                    sending = false;
                    return;
                }
                waitingBytes -= sizeOf.applyAsLong(next);
            }
            CompletableFuture<?> sent;
            try {
                sent = sender.apply(next).toCompletableFuture();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            if (!sent.isDone()) {
                sent.whenComplete((v, e) -> {
                    if (e != null) {
                        stop();
                    } else {
                        drain();
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                stop();
                return;
            }
        }
    }

    private synchronized void stop() {
        closeLocked();
        sending = false;
    }
}
