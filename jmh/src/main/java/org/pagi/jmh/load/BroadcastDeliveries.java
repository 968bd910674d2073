package org.pagi.jmh.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many subscribers have each message of a {@link BroadcastLoad} run, and up to which message every one of
 * them has it (the publisher's window in the flat-out phase, and the end of each phase, wait for that).
 *
 * <p>The mark moves over a message only once every subscriber has it and every message before it: a message
 * some subscriber never got holds it, so the wait for it stalls and the loss shows. Thread-safe: the subscribers'
 * threads count, the publisher waits.
 */
final class BroadcastDeliveries {
    private final int subscribers;
    private final AtomicIntegerArray counts;
    private final Object lock = new Object();
    private int complete; // guarded by lock: messages 0 .. complete-1 reached every subscriber
    private long lastProgress = System.nanoTime(); // guarded by lock

    /**
     * @param subscribers how many subscribers each message must reach
     * @param messages    how many messages the run sends
     */
    BroadcastDeliveries(int subscribers, int messages) {
        this.subscribers = subscribers;
        this.counts = new AtomicIntegerArray(messages);
    }

    /** Counts one delivery of message {@code seq}. */
    void delivered(int seq) {
        if (counts.incrementAndGet(seq) == subscribers) {
            synchronized (lock) {
                int before = complete;
                while (complete < counts.length() && counts.get(complete) >= subscribers) {
                    complete++;
                }
                if (complete != before) {
                    lastProgress = System.nanoTime();
                    lock.notifyAll();
                }
            }
        }
    }

    /** @return how many messages, from the first, reached every subscriber */
    int complete() {
        synchronized (lock) {
            return complete;
        }
    }

    /**
     * Waits until the first {@code messages} messages reached every subscriber, or until the mark did not move
     * for {@code stallNanos} during this wait.
     *
     * @return whether they all arrived
     */
    boolean awaitComplete(int messages, long stallNanos) throws InterruptedException {
        long start = System.nanoTime();
        synchronized (lock) {
            while (complete < messages) {
                long left = Math.max(lastProgress, start) + stallNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
