package org.pagi.examples.chatshowcase;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One instance's socket sends, in the order they were queued (under the {@link ChatState} lock, so in the order of
 * the changes they report) and carried out after that lock is released, by whichever thread drains first. A send
 * may run the receiving side's code at once (an in-process client completes the application's next receive on the
 * sending thread), and that code may need the state: it must not find the lock held by a thread that waits for it.
 */
final class SendQueue {
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Queues {@code send}; it runs at the next {@link #drain()}. */
    void add(Runnable send) {
        queued.add(send);
    }

    /**
     * Carries out every queued send, in order, unless another thread is doing so (it then carries out these too);
     * call it without holding the state's lock.
     */
    void drain() {
        while (!queued.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                for (Runnable send; (send = queued.poll()) != null; ) {
                    send.run();
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
