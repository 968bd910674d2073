package org.pagi.examples.periodicevents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the background sources and the requests meet, as upstream's {@code TickHub}: one object stored once in
 * the lifespan state. Every request scope gets a shallow copy of that state, so each sees this same hub; nobody
 * replaces the state entry, which would change one copy only. Thread-safe: the timer and requests use it at once.
 */
public final class TickHub {
    private long count;
    private long beats;
    private List<CompletableFuture<Long>> waiters = new ArrayList<>();

    /** @return ticks published so far */
    public synchronized long count() {
        return count;
    }

    /** @return heartbeats so far (the second, slower source) */
    public synchronized long beats() {
        return beats;
    }

    /** @return requests waiting for the next tick */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** @return a stage completed with the count of the next tick; waits for nothing itself */
    public synchronized CompletableFuture<Long> nextTick() {
        CompletableFuture<Long> tick = new CompletableFuture<>();
        waiters.add(tick);
        return tick;
    }

    /** Drops a wait that is no longer wanted (its caller got something else first), so it is not counted. */
    public synchronized void forget(CompletableFuture<Long> tick) {
        waiters.remove(tick);
    }

    /** Counts a tick and wakes everyone waiting for it; one who subscribes again while woken waits for the next. */
    public void publish() {
        List<CompletableFuture<Long>> woken;
        long now;
        synchronized (this) {
            now = ++count;
            woken = waiters;
            waiters = new ArrayList<>();
        }
        woken.forEach(w -> w.complete(now)); // outside the lock: a waiter's continuation may call back in
    }

    /** Counts a heartbeat; nobody waits for those. */
    public synchronized void beat() {
        beats++;
    }
}
