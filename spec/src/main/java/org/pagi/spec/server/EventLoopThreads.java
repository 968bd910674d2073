package org.pagi.spec.server;

/**
 * Marks the threads that run a server's I/O event loop, so code that would block (a wrapper's blocking view)
 * can refuse at once there instead of stalling every connection of that loop. A server's loop thread calls
 * {@link #markCurrent()} first thing; nothing else needs to know the server's classes.
 */
public final class EventLoopThreads {

    // Plain (not inheritable) ThreadLocal: a thread the loop starts, virtual threads included, is not a loop.
    private static final ThreadLocal<Boolean> LOOP = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private EventLoopThreads() {
    }

    /** Marks the calling thread as an I/O event loop for the rest of its life. */
    public static void markCurrent() {
        LOOP.set(Boolean.TRUE);
    }

    /** @return whether the calling thread is an I/O event loop, where blocking is not allowed */
    public static boolean isCurrent() {
        return LOOP.get();
    }
}
