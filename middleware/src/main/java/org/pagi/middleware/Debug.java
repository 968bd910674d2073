package org.pagi.middleware;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.routing.Middleware;

/**
 * A development panel in HTML pages (upstream's {@code Debug}): the request (method, path, query, headers, scope
 * attributes, the client and scheme as resolved by the middleware outside this one), the response (status,
 * headers, size) and timing, inserted before the page's last {@code </body>} or appended when it has none. Every
 * value is HTML-escaped; {@code Authorization}, {@code Cookie}, {@code Set-Cookie} and {@code Proxy-Authorization}
 * are masked unless configured otherwise. An uncaught exception before the response started becomes
 * {@link ErrorHandler}'s development page (the stack trace, escaped; HTML unless {@code Accept} prefers JSON or
 * text), which then gets the panel too.
 *
 * <p>Only a {@code text/html} response whose body is one event gets the panel; its {@code Content-Length}, when it
 * has one, is corrected. A HEAD response gets no body but the length the page would have, panel included. Left
 * alone, event for event: streamed bodies (the start is held only until the first body event shows more will
 * follow), files, {@code Content-Encoding} bodies, 204, 206 and 304, charsets that are not ASCII-compatible.
 *
 * <p>It shows credentials, internal state and stack traces, so it is off unless {@code enabled}, and
 * {@code enabled} is refused unless {@code development} is explicitly on (the same switch as
 * {@link ErrorHandler}'s). Acts on http; websocket, sse and lifespan pass through untouched. Stateless across
 * requests and thread-safe.
 */
public final class Debug implements Middleware {

    /** The headers whose values are masked by default. */
    public static final Set<String> DEFAULT_MASKED =
            Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

    /**
     * @param enabled       inject the panel (default false: the middleware passes everything through)
     * @param development   development mode; {@code enabled} requires it (default false)
     * @param showHeaders   list request and response headers (default true)
     * @param showScope     list the request line, client, scheme and scope attributes (default true)
     * @param showTiming    show the time to the response start and to the last body event (default true)
     * @param maskedHeaders lower-case names of headers shown as {@code [masked]} (default {@link #DEFAULT_MASKED})
     * @param logger        where an uncaught exception is logged (default the logger named after this class)
     * @param nanoClock     a monotonic clock in nanoseconds ({@link System#nanoTime()} unless a test gives another)
     */
    public record Config(boolean enabled, boolean development, boolean showHeaders, boolean showScope,
                         boolean showTiming, Set<String> maskedHeaders, System.Logger logger, LongSupplier nanoClock) {
        /** Refuses {@code enabled} outside development mode and masked names that are not header names. */
        public Config {
            if (enabled && !development) {
                throw new IllegalArgumentException("enabled requires development(true): the Debug panel shows "
                        + "request headers, scope attributes and stack traces, never to be served in production");
            }
            Set<String> names = new TreeSet<>();
            for (String name : Objects.requireNonNull(maskedHeaders, "maskedHeaders")) {
                names.add(Tokens.headerName("maskedHeaders", name));
            }
            maskedHeaders = Set.copyOf(names);
            Objects.requireNonNull(logger, "logger");
            Objects.requireNonNull(nanoClock, "nanoClock");
        }
    }

    private final Config config;
    private final ErrorHandler errorPages;

    private Debug(Config config) {
        this.config = config;
        this.errorPages = ErrorHandler.builder().development(true).logger(config.logger()).build();
    }

    /** @return a builder with the defaults: disabled, not in development mode */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        if (!config.enabled()) {
            return next;
        }
        return (scope, receive, send) -> scope instanceof HttpScope http
                ? debug(next, http, receive, send)
                : next.call(scope, receive, send);
    }

    private CompletionStage<Void> debug(Application next, HttpScope scope, Receive receive, Send send) {
        long begin = config.nanoClock().getAsLong();
        Injecting injecting = new Injecting(scope, send, begin);
        CompletionStage<Void> run;
        try {
            run = next.call(scope, receive, injecting);
        } catch (RuntimeException | Error e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.handle((v, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return injecting.release();
            }
            if (injecting.delivered) {
                return CompletableFuture.failedFuture(failure);   // on the wire already: the server aborts it
            }
            // Nothing reached the client (a held start is dropped): the development error page, with the panel.
            Application thrower = (s, r, out) -> CompletableFuture.failedFuture(failure);
            return errorPages.wrap(thrower).call(scope, receive, new Injecting(scope, send, begin));
        });
    }

    /** @return whether a response with this start may get the panel once its body shows it is a single event */
    static boolean injectable(HttpResponseStart start) {
        int status = start.status();
        if (status < 200 || status == 204 || status == 206 || status == 304
                || start.headers().contains("content-encoding")) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parse(start.headers().first("content-type").orElse(""));
        } catch (RuntimeException notAType) {
            return false;
        }
        String charset = type.charset().orElse("utf-8").toLowerCase(Locale.ROOT);
        return type.essence().equals("text/html") && !charset.startsWith("utf-16") && !charset.startsWith("utf-32");
    }

    /** @return {@code page} with {@code panel} before its last {@code </body>}, or at its end */
    static Bytes insert(Bytes page, Bytes panel) {
        int at = lastBodyClose(page);
        return at < 0 ? page.concat(panel) : page.slice(0, at).concat(panel).concat(page.slice(at, page.length()));
    }

    private static int lastBodyClose(Bytes page) {
        byte[] tag = {'<', '/', 'b', 'o', 'd', 'y'};
        outer:
        for (int i = page.length() - tag.length; i >= 0; i--) {
            for (int j = 0; j < tag.length; j++) {
                if (Character.toLowerCase((char) page.byteAt(i + j)) != tag[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One response: holds an injectable start until the first body event says whether it is the only one. */
    private final class Injecting implements Send {
        private final HttpScope scope;
        private final Send downstream;
        private final long begin;
        // One response's events come in order, but possibly from different threads.
        private volatile HttpResponseStart held;
        private volatile long startedAt;
        private volatile boolean delivered;

        Injecting(HttpScope scope, Send downstream, long begin) {
            this.scope = scope;
            this.downstream = downstream;
            this.begin = begin;
        }

        @Override
        public CompletionStage<Void> send(Event event) {
            if (event instanceof HttpResponseStart start && !delivered && held == null && injectable(start)) {
                startedAt = config.nanoClock().getAsLong();
                held = start;
                return CompletableFuture.completedFuture(null);
            }
            HttpResponseStart start = held;
            if (start == null) {
                return forward(event);
            }
            held = null;
            if (event instanceof HttpResponseBody body && !body.more()) {
                return withPanel(start, body);
            }
            return forward(start).thenCompose(v -> forward(event));   // a stream, a file or trailers: as it came
        }

        private CompletionStage<Void> forward(Event event) {
            delivered = true;
            return downstream.send(event);
        }

        /** Sends a start the application ended without a body after. */
        CompletionStage<Void> release() {
            HttpResponseStart start = held;
            held = null;
            return start == null ? CompletableFuture.completedFuture(null) : forward(start);
        }

        private CompletionStage<Void> withPanel(HttpResponseStart start, HttpResponseBody body) {
            boolean head = scope.method().equals("HEAD");
            Headers headers = start.headers();
            long declared = declaredLength(headers);
            long size = head ? (declared >= 0 ? declared : body.body().isEmpty() ? -1 : body.body().length())
                    : body.body().length();
            if (size < 0) {   // HEAD with neither a length nor a body: nothing to add the panel's length to
                return forward(start).thenCompose(v -> forward(body));
            }
            long now = config.nanoClock().getAsLong();
            Bytes panel = DebugPanel.render(config, scope,
                    new DebugPanel.Facts(start.status(), headers, size, startedAt - begin, now - begin));
            Bytes page = head ? Bytes.empty() : insert(body.body(), panel);
            if (head || declared >= 0) {
                headers = headers.replace("content-length", Long.toString(size + panel.length()));
            }
            HttpResponseStart out = new HttpResponseStart(start.status(), headers, start.trailers());
            return forward(out).thenCompose(v -> forward(HttpResponseBody.last(page)));
        }
    }

    /** @return the response's {@code Content-Length}, or -1 when it has none or an unusable one */
    private static long declaredLength(Headers headers) {
        String value = headers.first("content-length").orElse("");
        try {
            return value.isEmpty() ? -1 : Math.max(-1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private boolean enabled;
        private boolean development;
        private boolean showHeaders = true;
        private boolean showScope = true;
        private boolean showTiming = true;
        private Set<String> maskedHeaders = DEFAULT_MASKED;
        private System.Logger logger = System.getLogger(Debug.class.getName());
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** @param on inject the panel; requires {@link #development(boolean)} (default false) @return this builder */
        public Builder enabled(boolean on) {
            enabled = on;
            return this;
        }

        /** @param on development mode, the precondition of {@code enabled} (default false) @return this builder */
        public Builder development(boolean on) {
            development = on;
            return this;
        }

        /** @param on list request and response headers (default true) @return this builder */
        public Builder showHeaders(boolean on) {
            showHeaders = on;
            return this;
        }

        /** @param on list the request, client, scheme and scope attributes (default true) @return this builder */
        public Builder showScope(boolean on) {
            showScope = on;
            return this;
        }

        /** @param on show timing (default true) @return this builder */
        public Builder showTiming(boolean on) {
            showTiming = on;
            return this;
        }

        /**
         * @param names the headers whose values are masked, in any case; replaces the default set
         *              ({@link #DEFAULT_MASKED}), so an empty call masks nothing
         * @return this builder
         */
        public Builder maskedHeaders(String... names) {
            maskedHeaders = new HashSet<>(Arrays.asList(names));
            return this;
        }

        /** @param value where uncaught exceptions are logged @return this builder */
        public Builder logger(System.Logger value) {
            logger = value;
            return this;
        }

        /** @param clock a monotonic clock in nanoseconds @return this builder */
        public Builder nanoClock(LongSupplier clock) {
            nanoClock = clock;
            return this;
        }

        /** @return the middleware @throws IllegalArgumentException naming the option that is wrong */
        public Debug build() {
            return new Debug(new Config(enabled, development, showHeaders, showScope, showTiming, maskedHeaders,
                    logger, nanoClock));
        }
    }
}
