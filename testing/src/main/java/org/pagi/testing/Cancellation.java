package org.pagi.testing;

import java.time.Duration;

/**
 * How the client ends a call the test is done with: after a disconnect the application gets the client's
 * timeout to return; if it does not (a loop that ignores the disconnect), its virtual thread is interrupted,
 * which ends sleeps and blocking waits, and it gets one more second. Only then does the test fail.
 */
final class Cancellation {
    private Cancellation() {
    }

    static void awaitOrInterrupt(AppCall call, String context) {
        if (waitFinished(call, call.timeout())) {
            return;
        }
        call.abandon();
        if (!waitFinished(call, Duration.ofSeconds(1))) {
            throw new PagiTestTimeoutException("the application did not return " + context + " within "
                    + call.timeout() + ", even after its thread was interrupted; it must stop when the client goes away");
        }
    }

    private static boolean waitFinished(AppCall call, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!call.isFinished()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            call.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
        }
        return true;
    }
}
