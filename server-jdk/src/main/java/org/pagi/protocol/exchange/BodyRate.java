package org.pagi.protocol.exchange;

/**
 * The arrival rate of one request body, averaged over the time the server was waiting for it: time while reading
 * is paused because the application is not reading (backpressure), or while a client that asked for
 * {@code 100-continue} waits for it, is the server's, not the client's, and does not count. The owner says at each
 * change (and at each timer tick) whether the server is now waiting; the clock is {@link System#nanoTime()} terms.
 */
final class BodyRate {
    private long bytes;
    private long waitedNanos;
    private long since;
    private boolean waiting;

    /** Body bytes arrived. */
    void arrived(long n) {
        bytes += n;
    }

    /** @return whether any body byte arrived */
    boolean started() {
        return bytes > 0;
    }

    /** From {@code now} on, the server is (or is not) waiting for body bytes. */
    void waiting(boolean on, long now) {
        if (waiting) {
            waitedNanos += now - since;
        }
        waiting = on;
        since = now;
    }

    /**
     * @param minBytesPerSecond the least acceptable average rate; 0 is off
     * @param graceNanos        waiting time before the rate is judged: a body's first bytes often trail its head
     * @return whether the server is waiting now, has waited at least the grace, and got less than the rate
     */
    boolean tooSlow(long minBytesPerSecond, long graceNanos, long now) {
        if (minBytesPerSecond <= 0 || !waiting) {
            return false;
        }
        long waited = waitedNanos + (now - since);
        // doubles: bytes times nanoseconds overflows a long after hours of a fast upload
        return waited >= graceNanos && bytes * 1e9 < (double) minBytesPerSecond * waited;
    }
}
