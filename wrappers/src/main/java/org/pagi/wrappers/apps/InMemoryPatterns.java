package org.pagi.wrappers.apps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link InMemoryChannel}'s pattern subscriptions, at most {@code maxPatterns} at once. A pattern subscription
 * receives from many topics, whose publishes run concurrently under different locks, so each one has a serial
 * hand-off rather than a lock: a message is queued (under its topic's publish lock, so in publish order per
 * topic), and the thread that finds the subscription idle delivers what is queued, one message at a time, while
 * any other thread only queues and goes on. The listener is thus called from one thread at a time, no thread
 * ever waits for another's listener, and a listener that publishes cannot deadlock with the topic locks.
 */
final class InMemoryPatterns {
    private static final System.Logger LOG = System.getLogger(InMemoryPatterns.class.getName());

    private final int maxPatterns;
    private final List<PatternSubscription> subs = new CopyOnWriteArrayList<>();

    InMemoryPatterns(int maxPatterns) {
        this.maxPatterns = maxPatterns;
    }

    boolean isEmpty() {
        return subs.isEmpty();
    }

    int count() {
        return subs.size();
    }

    /** @return the open subscription, or null when {@code maxPatterns} are open already */
    synchronized PatternSubscription add(TopicGlob glob, ChannelListener listener) {
        if (subs.size() >= maxPatterns) {
            return null;
        }
        PatternSubscription sub = new PatternSubscription(glob, listener);
        subs.add(sub);
        return sub;
    }

    /**
     * Queues {@code message} for every subscription whose pattern matches its topic; call under the topic's
     * publish lock, then {@link #deliver} the returned ones outside it.
     */
    List<PatternSubscription> queue(ChannelMessage message) {
        List<PatternSubscription> idle = List.of();
        for (PatternSubscription sub : subs) {
            if (sub.glob.matches(message.topic()) && sub.queue(message)) {
                if (idle.isEmpty()) {
                    idle = new ArrayList<>(2);
                }
                idle.add(sub);
            }
        }
        return idle;
    }

    /** Delivers what the subscriptions {@link #queue} found idle have queued, on this thread. */
    static void deliver(List<PatternSubscription> idle) {
        for (PatternSubscription sub : idle) {
            sub.drain();
        }
    }

    /** Ends every subscription with {@code onFailure}. */
    void failAll(Throwable cause) {
        for (PatternSubscription sub : List.copyOf(subs)) {
            sub.fail(cause);
        }
    }

    final class PatternSubscription implements ChannelSubscription {
        private final TopicGlob glob;
        private final ChannelListener listener;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final ArrayDeque<ChannelMessage> waiting = new ArrayDeque<>();
        private boolean delivering;
        private Throwable failure;

        private PatternSubscription(TopicGlob glob, ChannelListener listener) {
            this.glob = glob;
            this.listener = listener;
        }

        @Override
        public String topic() {
            return glob.pattern();
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public CompletionStage<Void> close() {
            if (open.compareAndSet(true, false)) {
                subs.remove(this);
                synchronized (this) {
                    waiting.clear();
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        /** @return true when this call found it idle: the caller must {@link #drain()} */
        private synchronized boolean queue(ChannelMessage message) {
            if (!open.get()) {
                return false;
            }
            waiting.addLast(message);
            if (delivering) {
                return false;
            }
            delivering = true;
            return true;
        }

        /** Ends it; the failure is handed off like a message, so it never overlaps a delivery and none follows. */
        void fail(Throwable cause) {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            subs.remove(this);
            synchronized (this) {
                failure = cause;
                waiting.clear();
                if (delivering) {
                    return; // the delivering thread reports it
                }
                delivering = true;
            }
            drain();
        }

        private void drain() {
            while (true) {
                ChannelMessage next;
                Throwable failed;
                synchronized (this) {
                    failed = failure;
                    failure = null;
                    next = failed == null && open.get() ? waiting.pollFirst() : null;
                    if (failed == null && next == null) {
                        delivering = false;
                        return;
                    }
                }
                if (failed != null) {
                    try {
                        listener.onFailure(failed);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a channel listener on pattern '" + glob
                                + "' failed in onFailure", e);
                    }
                    continue;
                }
                try {
                    listener.onMessage(next);
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        }
    }
}
