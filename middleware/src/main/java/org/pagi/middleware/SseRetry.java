package org.pagi.middleware;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pagi.spec.Application;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.SseSend;
import org.pagi.wrappers.routing.Middleware;

/**
 * Tells SSE clients how long to wait before reconnecting: the {@code retry:} field, in milliseconds. By default
 * the stream's first event carries it; optionally every event that has none of its own. An event that sets its own
 * {@code retry} is never changed. The application finds the configured value in the scope attribute
 * {@value #ATTRIBUTE}.
 *
 * <p>Upstream sends a separate {@code sse.send} carrying only {@code retry} right after {@code sse.start}; here an
 * {@code sse.send} always has a {@code data:} line, which would fire an empty {@code message} at the client, so the
 * value rides on the first real event instead. Events are forwarded one by one as they come. Acts on sse; every
 * other scope passes through untouched. Thread-safe; per-stream state lives in the call.
 */
public final class SseRetry implements Middleware {

    /** The scope attribute holding the configured retry, a {@code Long} of milliseconds. */
    public static final String ATTRIBUTE = "pagi.sse.retry";

    /**
     * @param retryMillis the reconnection time sent to clients, 0 or more (upstream default 3000)
     * @param onStart     put it on the stream's first event (default true)
     * @param onEvents    put it on every event without its own (default false)
     */
    public record Config(long retryMillis, boolean onStart, boolean onEvents) {
        /** Refuses a negative time and a configuration that would never send it. */
        public Config {
            if (retryMillis < 0) {
                throw new IllegalArgumentException("retryMillis must be 0 or more, got " + retryMillis);
            }
            if (!onStart && !onEvents) {
                throw new IllegalArgumentException("onStart and onEvents are both false: retry would never be sent");
            }
        }
    }

    /** Builds a {@link Config}; every option starts at its default. */
    public static final class Builder {
        private long retryMillis = 3000;
        private boolean onStart = true;
        private boolean onEvents;

        private Builder() {
        }

        /** @param millis the reconnection time, 0 or more @return this builder */
        public Builder retryMillis(long millis) {
            this.retryMillis = millis;
            return this;
        }

        /** @param value whether the first event carries the retry @return this builder */
        public Builder onStart(boolean value) {
            this.onStart = value;
            return this;
        }

        /** @param value whether every event without its own carries the retry @return this builder */
        public Builder onEvents(boolean value) {
            this.onEvents = value;
            return this;
        }

        /** @return the middleware @throws IllegalArgumentException naming the option that is wrong */
        public SseRetry build() {
            return new SseRetry(new Config(retryMillis, onStart, onEvents));
        }
    }

    private final Config config;

    private SseRetry(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof SseScope sse)) {
                return next.call(scope, receive, send);
            }
            AtomicBoolean first = new AtomicBoolean(true);
            return next.call(sse.withAttribute(ATTRIBUTE, config.retryMillis()), receive, event -> {
                if (event instanceof SseSend s) {
                    boolean isFirst = first.getAndSet(false);
                    if (s.retry().isEmpty() && (config.onEvents() || config.onStart() && isFirst)) {
                        return send.send(s.withRetry(config.retryMillis()));
                    }
                }
                return send.send(event);
            });
        };
    }
}
