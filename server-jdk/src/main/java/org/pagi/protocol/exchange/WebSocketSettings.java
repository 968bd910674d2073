package org.pagi.protocol.exchange;

import java.time.Duration;
import java.util.Objects;
import org.pagi.protocol.websocket.WebSocketLimits;

/**
 * What every WebSocket of a server shares.
 *
 * <table>
 *   <caption>WebSocket settings</caption>
 *   <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@code limits.maxMessageBytes}</td><td>16 MiB</td><td>close 1009 (a frame or a whole message,
 *       decompressed, over the limit)</td></tr>
 *   <tr><td>{@code deflate}</td><td>on</td><td>permessage-deflate (RFC 7692) is negotiated when the client
 *       offers it</td></tr>
 *   <tr><td>{@code closeTimeout}</td><td>5 s</td><td>after sending a Close frame, the time the peer gets to
 *       answer before the TCP connection is closed anyway</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>none ({@link Duration#ZERO})</td><td>no frame from the peer for this
 *       long: close 1001 ({@code idle_timeout})</td></tr>
 * </table>
 *
 * @param limits       frame and message size limits
 * @param deflate      whether permessage-deflate may be negotiated
 * @param closeTimeout how long to wait for the peer's Close frame after sending ours
 * @param idleTimeout  how long a WebSocket may stay silent; zero for no limit
 */
public record WebSocketSettings(WebSocketLimits limits, boolean deflate, Duration closeTimeout, Duration idleTimeout) {
    /** Five seconds: long enough for a peer across the world, short enough not to pin a socket on shutdown. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Checks the values. */
    public WebSocketSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, got " + closeTimeout);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
        }
    }

    /** @return the defaults of the table above */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(WebSocketLimits.defaults(), true, DEFAULT_CLOSE_TIMEOUT, Duration.ZERO);
    }
}
