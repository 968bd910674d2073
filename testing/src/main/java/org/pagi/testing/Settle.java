package org.pagi.testing;

import java.util.Optional;

/**
 * How a session's {@code close()} waits for an application the test is done with.
 *
 * <p>Unlike {@link Cancellation} alone, it first reads what the application still sends while it winds down, so
 * an order violation it commits after the test stopped reading (a message after its own close) still fails the
 * test. If the application does not return within the client's timeout, its thread is interrupted through
 * {@link Cancellation}; a failure after that interrupt is the client's doing and is not reported.
 */
final class Settle {
    private Settle() {
    }

    /**
     * @param context what just happened, for the timeout message (e.g. "after the client closed the WebSocket")
     * @return the failure the application returned with on its own, if any
     * @throws RuntimeException the order violation the application committed, as its send failed
     * @throws PagiTestTimeoutException if it does not return even after the interrupt
     */
    static Optional<Throwable> awaitReturn(AppCall call, String context) {
        try {
            return Optional.ofNullable(call.awaitFinish(context).failure());
        } catch (PagiTestTimeoutException slow) {
            // The client's timeout has passed once already: interrupt now instead of granting it a second one.
            call.abandon();
            Cancellation.awaitOrInterrupt(call, context);
            return Optional.empty();
        }
    }
}
