package org.pagi.spec;

import java.util.OptionalLong;

/**
 * The {@code pagi.transport} handle: outbound flow control for one connection, readable without sending or
 * receiving anything.
 *
 * <p>The two callbacks form a hysteresis cycle: {@link #onHighWater} fires once when the buffered amount
 * reaches the high mark, then {@link #onDrain} fires once when it falls below the low mark, then the cycle
 * re-arms. See {@code spec/docs/www.md}, "Transport flow control"; the reference implementation is
 * {@link org.pagi.spec.server.FlowTracker}. Implementations are thread-safe.
 */
public interface TransportFlow {

    /** @return bytes queued for the client but not yet written to the network; 0 when drained */
    long bufferedAmount();

    /** @return the threshold at or above which {@code send} waits; empty if the server has none */
    OptionalLong highWaterMark();

    /** @return the threshold the buffer must fall below before {@code send} resumes; empty if none */
    OptionalLong lowWaterMark();

    /** Registers a callback for when the buffer reaches the high mark; runs at once if it is already there. */
    void onHighWater(Runnable callback);

    /** Registers a callback for when the buffer falls below the low mark after having reached the high mark. */
    void onDrain(Runnable callback);
}
