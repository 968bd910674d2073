package org.pagi.examples.jobrunner;

import java.time.Duration;

/**
 * How a job waits: by default it sleeps (a job runs on a virtual thread of its own, so sleeping blocks nobody).
 * Tests give one that waits for them, so a job advances one step when they say.
 */
@FunctionalInterface
public interface Pause {
    /** Sleeps for {@code length}. */
    Pause SLEEP = length -> Thread.sleep(length);

    /** Waits {@code length}; an interrupt ends the wait early. */
    void pause(Duration length) throws InterruptedException;
}
