package org.pagi.middleware;

import static org.pagi.spec.server.LogEscape.escape;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Writes one line per http, websocket and sse request when its application returns (a stream is logged when it
 * ends), in the presets of the server's access log: {@code common} ({@code %h - - %t "%r" %s %b}), {@code combined}
 * (common plus {@code "%{Referer}i" "%{User-agent}i"}) and {@code compact} ({@code 127.0.0.1 GET /a?b=1 200 12B
 * 1.3ms}). Unless {@code idAndDuration(false)}, each line ends with the request id ({@link RequestId#of}, {@code -}
 * when none) and the duration in microseconds. The client is the scope's, so {@code ProxyHeaders} outside this
 * middleware resolves it.
 *
 * <p>The formatting is reimplemented here rather than shared with the server, whose log reads the connection's
 * exchange (raw target, wire byte count) where this one reads the scope and the events sent. Every value that comes
 * from the client is escaped by {@link org.pagi.spec.server.LogEscape} (the server's escaping) as Apache's
 * {@code ap_escape_logitem} does ({@code "} and {@code \} backslashed, control and non-ASCII characters as
 * {@code \n}, {@code \xhh}...), so a request cannot split or forge a line. Events are forwarded one by one;
 * lifespan passes through.
 */
public final class AccessLog implements Middleware {

    /** The line layouts, named as the server's access log presets. */
    public enum Format {
        /** {@code %h - - %t "%r" %s %b}, the NCSA Common Log Format. */
        COMMON,
        /** Common plus {@code "Referer" "User-Agent"}, the NCSA Combined Log Format. */
        COMBINED,
        /** {@code 127.0.0.1 GET /a?b=1 200 12B 1.3ms}. */
        COMPACT
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US).withZone(ZoneOffset.UTC);

    private final Config config;

    private AccessLog(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults: {@code combined}, id and duration appended, to {@code System.Logger} */
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
     * @param format        the line layout
     * @param idAndDuration append the request id and the duration in microseconds
     * @param sink          receives each line, without a terminator; thread-safe
     * @param clock         the wall clock for {@code %t}
     * @param nanoClock     a monotonic nanosecond clock for the duration
     */
    public record Config(Format format, boolean idAndDuration, Consumer<String> sink, Clock clock,
                         LongSupplier nanoClock) {
        /** Checks the values are present. */
        public Config {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(nanoClock, "nanoClock");
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope request)) {
                return next.call(scope, receive, send);
            }
            Instant start = config.clock().instant();
            long startNanos = config.nanoClock().getAsLong();
            AtomicInteger status = new AtomicInteger();
            AtomicLong bytes = new AtomicLong();
            Send watching = event -> {
                observe(event, status, bytes);
                return send.send(event);
            };
            CompletionStage<Void> done;
            try {
                done = next.call(scope, receive, watching);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            return done.whenComplete((v, e) -> config.sink().accept(line(request, start,
                    status.get(), bytes.get(), (config.nanoClock().getAsLong() - startNanos) / 1_000)));
        };
    }

    private static void observe(Event event, AtomicInteger status, AtomicLong bytes) {
        switch (event) {
            case HttpResponseStart s -> status.set(s.status());
            case HttpResponseBody b -> bytes.addAndGet(b.body().length());
            case HttpResponseFile f -> f.length().ifPresent(bytes::addAndGet);
            case HttpResponseChannel c -> c.length().ifPresent(bytes::addAndGet);
            case SseStart s -> status.set(s.status());
            case SseHttpResponseStart s -> status.set(s.status());
            case SseHttpResponseBody b -> bytes.addAndGet(b.body().length());
            case WebSocketAccept a -> status.set(101);
            case WebSocketHttpResponseStart s -> status.set(s.status());
            case WebSocketHttpResponseBody b -> bytes.addAndGet(b.body().length());
            case WebSocketClose c -> status.compareAndSet(0, 403);   // closed before accepting: the server denies
            default -> { }
        }
    }

    /** @return the line for one finished request */
    String line(RequestScope scope, Instant start, int status, long bytes, long micros) {
        StringBuilder out = new StringBuilder(160);
        String target = scope.rawPath().latin1()
                + (scope.queryString().length() == 0 ? "" : "?" + scope.queryString().latin1());
        String statusText = status == 0 ? "-" : Integer.toString(status);
        escape(out, scope.client().map(c -> c.host()).orElse("-"));
        if (config.format() == Format.COMPACT) {
            out.append(' ');
            escape(out, scope.method());
            out.append(' ');
            escape(out, target);
            out.append(' ').append(statusText).append(' ').append(bytes).append("B ");
            long tenths = (micros + 50) / 100;
            out.append(tenths / 10).append('.').append(tenths % 10).append("ms");
        } else {
            out.append(" - - ");
            TIME.formatTo(start, out);
            out.append(" \"");
            escape(out, scope.method() + " " + target + " HTTP/" + scope.httpVersion());
            out.append("\" ").append(statusText).append(' ').append(bytes == 0 ? "-" : Long.toString(bytes));
            if (config.format() == Format.COMBINED) {
                out.append(" \"");
                header(out, scope, "referer");
                out.append("\" \"");
                header(out, scope, "user-agent");
                out.append('"');
            }
        }
        if (config.idAndDuration()) {
            out.append(' ');
            escape(out, RequestId.of(scope).orElse("-"));
            out.append(' ').append(micros);
        }
        return out.toString();
    }

    private static void header(StringBuilder out, RequestScope scope, String name) {
        List<String> values = scope.headers().all(name);
        if (values.isEmpty()) {
            out.append('-');
        } else {
            escape(out, String.join(", ", values));
        }
    }

    /** Collects the settings, checking each and naming it when wrong. */
    public static final class Builder {
        private Format format = Format.COMBINED;
        private boolean idAndDuration = true;
        private Consumer<String> sink;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /**
         * @param value the layout (default {@link Format#COMBINED})
         * @return this builder
         */
        public Builder format(Format value) {
            format = Objects.requireNonNull(value, "format");
            return this;
        }

        /**
         * @param name {@code common}, {@code combined} or {@code compact}, any case
         * @return this builder
         * @throws IllegalArgumentException naming {@code format} for another name
         */
        public Builder format(String name) {
            Objects.requireNonNull(name, "format");
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return format(f);
                }
            }
            throw new IllegalArgumentException("format must be common, combined or compact, got '" + name + "'");
        }

        /**
         * @param value append the request id and the duration in microseconds (default true)
         * @return this builder
         */
        public Builder idAndDuration(boolean value) {
            idAndDuration = value;
            return this;
        }

        /**
         * @param value receives each line, thread-safe (default: the {@code System.Logger} named {@code pagi.access}
         *              at INFO)
         * @return this builder
         */
        public Builder sink(Consumer<String> value) {
            sink = Objects.requireNonNull(value, "sink");
            return this;
        }

        /**
         * @param logger logs each line at INFO
         * @return this builder
         */
        public Builder logger(System.Logger logger) {
            Objects.requireNonNull(logger, "logger");
            return sink(line -> logger.log(System.Logger.Level.INFO, line));
        }

        /**
         * @param value the wall clock for the time field (default UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value a monotonic nanosecond clock, thread-safe (default {@link System#nanoTime()})
         * @return this builder
         */
        public Builder nanoClock(LongSupplier value) {
            nanoClock = Objects.requireNonNull(value, "nanoClock");
            return this;
        }

        /** @return the middleware */
        public AccessLog build() {
            Consumer<String> out = sink != null ? sink : defaultSink();
            return new AccessLog(new Config(format, idAndDuration, out, clock, nanoClock));
        }

        private static Consumer<String> defaultSink() {
            System.Logger logger = System.getLogger("pagi.access");
            return line -> logger.log(System.Logger.Level.INFO, line);
        }
    }
}
