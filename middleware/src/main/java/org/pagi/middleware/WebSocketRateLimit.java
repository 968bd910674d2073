package org.pagi.middleware;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.limit.TokenBucket;

/**
 * Limits the messages a WebSocket client sends on one connection: a message bucket and a byte bucket per
 * connection, each refilled at its rate and holding {@code burstMultiplier} seconds' worth. A message that finds
 * either bucket short is never delivered; by default the connection is closed with 1008 (policy violation) and the
 * application receives {@code websocket.disconnect} with that code, or with {@code dropExcess} the message is
 * dropped and the connection lives on. {@code http}, {@code sse} and lifespan scopes pass through.
 */
public final class WebSocketRateLimit implements Middleware {

    private final Config config;
    private final TokenBucket messages;
    private final TokenBucket bytes;

    private WebSocketRateLimit(Config config) {
        this.config = config;
        this.messages = TokenBucket.perSecond(config.messagesPerSecond(),
                Math.toIntExact(Math.round(config.messagesPerSecond() * config.burstMultiplier())));
        this.bytes = TokenBucket.perSecond(config.bytesPerSecond(),
                Math.toIntExact(Math.round(config.bytesPerSecond() * config.burstMultiplier())));
    }

    /** A builder with upstream's defaults: 100 messages and 1 MiB a second, burst ×2, close 1008. */
    public static Builder builder() {
        return new Builder();
    }

    /** This middleware's configuration. */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> scope instanceof WebSocketScope
                ? next.call(scope, new Limited(receive, send), send)
                : next.call(scope, receive, send);
    }

    /** One connection's two buckets; {@code admit} is synchronized in case an application receives concurrently. */
    private final class Limited implements Receive {
        private final Receive receive;
        private final Send send;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long messageTat = Long.MIN_VALUE;
        private long byteTat = Long.MIN_VALUE;

        Limited(Receive receive, Send send) {
            this.receive = receive;
            this.send = send;
        }

        @Override
        public CompletionStage<Event> receive() {
            if (closed.get()) {
                return CompletableFuture.completedFuture(disconnect());
            }
            return receive.receive().thenCompose(event -> {
                if (!(event instanceof WebSocketReceive message) || closed.get() || admit(message.message())) {
                    return CompletableFuture.completedFuture(event);
                }
                if (config.dropExcess()) {
                    return receive();
                }
                closed.set(true);
                return send.send(new WebSocketClose(config.closeCode(), config.closeReason()))
                        .handle((v, e) -> disconnect());
            });
        }

        private synchronized boolean admit(WebSocketMessage message) {
            long now = TokenBucket.epochNanos(config.clock());
            long size = switch (message) {
                case WebSocketMessage.Text t -> new Message.Text(t.text()).size();
                case WebSocketMessage.Binary b -> b.bytes().length();
            };
            TokenBucket.Take m = messages.take(messageTat == Long.MIN_VALUE ? now : messageTat, now);
            TokenBucket.Take b = bytes.take(byteTat == Long.MIN_VALUE ? now : byteTat, now, size);
            if (!m.allowed() || !b.allowed()) {
                return false;
            }
            messageTat = m.tat();
            byteTat = b.tat();
            return true;
        }

        private Event disconnect() {
            return new WebSocketDisconnect(config.closeCode(), config.closeReason());
        }
    }

    /**
     * A WebSocket rate-limit policy.
     *
     * @param messagesPerSecond messages a second a connection may send (default 100)
     * @param bytesPerSecond message bytes a second, text counted as UTF-8 (default 1048576)
     * @param burstMultiplier seconds' worth of messages and bytes a connection may send at once (default 2)
     * @param dropExcess drop a message over the limit instead of closing (default false: close)
     * @param closeCode the close code (default 1008, policy violation)
     * @param closeReason the close reason (default {@code Rate limit exceeded})
     * @param clock the time source (default the system clock)
     */
    public record Config(double messagesPerSecond, double bytesPerSecond, double burstMultiplier, boolean dropExcess,
                         int closeCode, String closeReason, Clock clock) {

        /** Validates every option; the message names the one that is wrong. */
        public Config {
            if (!(messagesPerSecond > 0) || messagesPerSecond > 1e9) {
                throw new IllegalArgumentException("messagesPerSecond: must be in (0, 1e9], got " + messagesPerSecond);
            }
            if (!(bytesPerSecond > 0) || bytesPerSecond > 1e9) {
                throw new IllegalArgumentException("bytesPerSecond: must be in (0, 1e9], got " + bytesPerSecond);
            }
            if (!(burstMultiplier >= 1) || burstMultiplier > 3600 || messagesPerSecond * burstMultiplier < 1
                    || messagesPerSecond * burstMultiplier > Integer.MAX_VALUE
                    || bytesPerSecond * burstMultiplier > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("burstMultiplier: must be in [1, 3600] and keep each rate × burst"
                        + " in [1, 2^31), got " + burstMultiplier);
            }
            if (closeCode != 1008 && (closeCode < 3000 || closeCode > 4999)) {
                throw new IllegalArgumentException("closeCode: 1008 or an application code 3000-4999, got " + closeCode);
            }
            Objects.requireNonNull(closeReason, "closeReason");
            if (closeReason.getBytes(StandardCharsets.UTF_8).length > 123) {
                throw new IllegalArgumentException("closeReason: at most 123 UTF-8 bytes");
            }
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Builds a {@link WebSocketRateLimit}; every setter is optional. */
    public static final class Builder {
        private double messagesPerSecond = 100;
        private double bytesPerSecond = 1_048_576;
        private double burstMultiplier = 2;
        private boolean dropExcess;
        private int closeCode = 1008;
        private String closeReason = "Rate limit exceeded";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Messages a second per connection (default 100). */
        public Builder messagesPerSecond(double value) {
            this.messagesPerSecond = value;
            return this;
        }

        /** Message bytes a second per connection (default 1048576). */
        public Builder bytesPerSecond(double value) {
            this.bytesPerSecond = value;
            return this;
        }

        /** Seconds' worth of traffic allowed at once (default 2). */
        public Builder burstMultiplier(double value) {
            this.burstMultiplier = value;
            return this;
        }

        /** Drop excess messages instead of closing the connection (default false). */
        public Builder dropExcess(boolean value) {
            this.dropExcess = value;
            return this;
        }

        /** The close code (default 1008). */
        public Builder closeCode(int value) {
            this.closeCode = value;
            return this;
        }

        /** The close reason (default {@code Rate limit exceeded}). */
        public Builder closeReason(String value) {
            this.closeReason = value;
            return this;
        }

        /** The time source (default the system UTC clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The middleware.
         *
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public WebSocketRateLimit build() {
            return new WebSocketRateLimit(new Config(messagesPerSecond, bytesPerSecond, burstMultiplier, dropExcess,
                    closeCode, closeReason, clock));
        }
    }
}
