package org.pagi.examples.chatshowcase;

import java.time.Duration;
import java.util.Objects;

/**
 * The chat's timings; each must be more than zero, and a bad one is refused naming it.
 *
 * @param presenceGrace how long a disconnected user stays in its rooms before the others are told it left, so a
 *                      page that reconnects (a network blip, a reload) resumes unnoticed; 30 s as upstream
 * @param statsInterval how often the SSE stream sends a {@code stats} event; 10 s as upstream
 * @param pingInterval  how often the server sends each WebSocket a {@code {"type":"ping"}} message, under a
 *                      proxy's idle timeout; 25 s as upstream
 */
public record ChatOptions(Duration presenceGrace, Duration statsInterval, Duration pingInterval) {

    /** Checks every timing. */
    public ChatOptions {
        positive("presenceGrace", presenceGrace);
        positive("statsInterval", statsInterval);
        positive("pingInterval", pingInterval);
    }

    /** @return upstream's timings: 30 s, 10 s, 25 s */
    public static ChatOptions defaults() {
        return new ChatOptions(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(25));
    }

    /** @return these options with another {@link #presenceGrace()} */
    public ChatOptions withPresenceGrace(Duration value) {
        return new ChatOptions(value, statsInterval, pingInterval);
    }

    /** @return these options with another {@link #statsInterval()} */
    public ChatOptions withStatsInterval(Duration value) {
        return new ChatOptions(presenceGrace, value, pingInterval);
    }

    /** @return these options with another {@link #pingInterval()} */
    public ChatOptions withPingInterval(Duration value) {
        return new ChatOptions(presenceGrace, statsInterval, value);
    }

    private static void positive(String name, Duration value) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero, got " + value);
        }
    }
}
