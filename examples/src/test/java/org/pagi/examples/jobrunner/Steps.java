package org.pagi.examples.jobrunner;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Pause} the test drives: every wait of a job blocks until the test {@link #release}s a step, and the test
 * can wait until jobs have reached their n-th wait in all. So a check sees each progress step on its own, with no
 * clock involved.
 */
final class Steps implements Pause {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private int entered;
    private int permits;

    @Override
    public synchronized void pause(Duration length) throws InterruptedException {
        entered++;
        notifyAll();
        while (permits == 0) {
            wait();
        }
        permits--;
    }

    /** Lets {@code n} waits end. */
    synchronized void release(int n) {
        permits += n;
        notifyAll();
    }

    /** Blocks until jobs have started {@code n} waits since the start; fails after 10 s. */
    synchronized void awaitEntered(int n) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        try {
            while (entered < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException("jobs reached " + entered + " waits, not " + n));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
