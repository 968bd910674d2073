package org.pagi.jmh.load;

import java.util.concurrent.TimeUnit;

/**
 * The last resort that keeps a load program bounded in time: a daemon thread that halts the JVM (exit status
 * {@value #STATUS}) if the program is still running at its deadline, whatever its other threads are doing. The
 * programs end long before it in a normal run; it is there for a server that stops answering mid-run.
 */
final class HardDeadline {
    /** The exit status of a program stopped by its deadline. */
    static final int STATUS = 3;

    private HardDeadline() {
    }

    /** Halts the JVM after {@code seconds}, saying why on standard error. */
    static void arm(String program, double seconds) {
        long millis = (long) Math.ceil(seconds * 1000);
        Thread.ofPlatform().daemon().name(program + "-deadline").start(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(program + ": still running after the hard deadline of " + millis / 1000.0
                    + " s; halting");
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        });
    }
}
