package org.pagi.server.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open-connection limit: the acceptor takes a slot for each connection it hands to a loop and refuses one when
 * none is left; the server gives the slot back when the connection closes. Thread-safe: slots are taken on the
 * acceptor's loop and given back on any loop.
 */
public final class ConnectionSlots {
    /**
     * Refused connections being answered at once (each holds a file descriptor for up to about two seconds); beyond
     * it a refused connection is closed at once, so a flood cannot turn refusals into a second unbounded pool.
     */
    public static final int REFUSALS_IN_PROGRESS = 256;

    private final int limit;
    private final AtomicInteger taken = new AtomicInteger();

    /** @param limit open connections at most; 0 for no limit */
    public ConnectionSlots(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or more, got " + limit);
        }
        this.limit = limit;
    }

    /** @return whether a slot was free (and is now taken) */
    boolean tryAcquire() {
        if (limit == 0) {
            taken.incrementAndGet();
            return true;
        }
        while (true) {
            int now = taken.get();
            if (now >= limit) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back the slot of a connection that closed (or could not be set up). */
    public void release() {
        if (taken.decrementAndGet() < 0) {
            taken.incrementAndGet();
            throw new IllegalStateException("a connection slot was given back twice");
        }
    }

    /** @return the slots taken: connections open or being set up */
    public int taken() {
        return taken.get();
    }

    /** @return the limit; 0 for none */
    public int limit() {
        return limit;
    }
}
