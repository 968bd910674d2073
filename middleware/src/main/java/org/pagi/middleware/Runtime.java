package org.pagi.middleware;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Adds the time from the call to the response start, in seconds with upstream's six decimals ({@code X-Runtime:
 * 0.012345}), to every http response. The header goes on {@code http.response.start}, so a streamed body is
 * forwarded event by event and its duration is not included: the figure is the handler's time to first byte.
 * Other scope types pass through.
 */
public final class Runtime implements Middleware {

    private final Config config;

    private Runtime(Config config) {
        this.config = config;
    }

    /** @return a builder with upstream's defaults: header {@code X-Runtime}, precision 6 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings.
     *
     * @param header    the response header, lower case
     * @param precision decimals of the seconds figure
     * @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime()} unless a test gives another)
     */
    public record Config(String header, int precision, LongSupplier nanoClock) {
        /** Checks the values are present. */
        public Config {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(nanoClock, "nanoClock");
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        String format = "%." + config.precision() + "f";
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope)) {
                return next.call(scope, receive, send);
            }
            long start = config.nanoClock().getAsLong();
            return next.call(scope, receive, event -> {
                if (event instanceof HttpResponseStart s) {
                    double seconds = (config.nanoClock().getAsLong() - start) / 1e9;
                    String value = String.format(Locale.ROOT, format, seconds);
                    return send.send(new HttpResponseStart(s.status(), s.headers().replace(config.header(), value),
                            s.trailers()));
                }
                return send.send(event);
            });
        };
    }

    /** Collects the settings, checking each and naming it when wrong. */
    public static final class Builder {
        private String header = "x-runtime";
        private int precision = 6;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /**
         * @param name the response header (default {@code X-Runtime})
         * @return this builder
         */
        public Builder header(String name) {
            header = Tokens.headerName("header", name);
            return this;
        }

        /**
         * @param value decimals of the seconds figure, 0 to 9 (default 6)
         * @return this builder
         */
        public Builder precision(int value) {
            if (value < 0 || value > 9) {
                throw new IllegalArgumentException("precision must be 0..9, got " + value);
            }
            precision = value;
            return this;
        }

        /**
         * @param clock a monotonic nanosecond clock, thread-safe (default {@link System#nanoTime()})
         * @return this builder
         */
        public Builder nanoClock(LongSupplier clock) {
            nanoClock = Objects.requireNonNull(clock, "nanoClock");
            return this;
        }

        /** @return the middleware */
        public Runtime build() {
            return new Runtime(new Config(header, precision, nanoClock));
        }
    }
}
