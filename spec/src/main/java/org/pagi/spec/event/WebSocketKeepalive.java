package org.pagi.spec.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code websocket.keepalive} (send): ping the client every {@code interval}; with a {@code timeout}, close the
 * connection (1006, reason {@code keepalive_timeout}) when no pong comes back in time. The last one wins;
 * a zero interval stops the pings.
 *
 * @param interval time between pings; zero disables
 * @param timeout  how long to wait for a pong; empty for no dead-connection detection
 */
public record WebSocketKeepalive(Duration interval, Optional<Duration> timeout) implements WebSocketEvent, SendEvent {
    /** Checks the durations. */
    public WebSocketKeepalive {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("websocket.keepalive: interval must be 0 or more, got " + interval);
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new IllegalArgumentException("websocket.keepalive: timeout must be positive, got " + timeout.get());
        }
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_KEEPALIVE;
    }
}
