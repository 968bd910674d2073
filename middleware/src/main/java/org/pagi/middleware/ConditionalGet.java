package org.pagi.middleware;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.http.HttpDate;
import org.pagi.wrappers.response.Conditional;
import org.pagi.wrappers.routing.Middleware;

/**
 * Answers conditional GET and HEAD requests with 304 Not Modified when the application's 200 response carries a
 * validator the client already has (upstream's {@code ConditionalGet}). Acts on {@code http} scopes; every other
 * scope passes through untouched.
 *
 * <p>RFC 9110 section 13.2.2 order: {@code If-None-Match} (weak comparison, lists and {@code *}, the wrappers'
 * {@link Conditional#noneMatchFails}) against the response's {@code ETag}; only when it is absent,
 * {@code If-Modified-Since} against {@code Last-Modified}, to the second (an unparsable date is ignored). The 304
 * keeps only the fields section 15.4.5 lists ({@code Cache-Control}, {@code Content-Location}, {@code Date},
 * {@code ETag}, {@code Expires}, {@code Last-Modified}, {@code Vary}); the application's body events are dropped.
 * Other methods and statuses pass through unchanged, and the start event is never held.
 */
public final class ConditionalGet implements Middleware {

    private static final Set<String> KEPT_ON_304 = Set.of("cache-control", "content-location", "date", "etag",
            "expires", "last-modified", "vary");

    /**
     * @param ifModifiedSince whether {@code If-Modified-Since} is honoured (default true); turn it off when
     *                        {@code Last-Modified} values are not trustworthy to the second
     */
    public record Config(boolean ifModifiedSince) {
    }

    private final Config config;

    private ConditionalGet(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults: both conditions honoured */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || !(http.method().equals("GET") || http.method().equals("HEAD"))) {
                return next.call(scope, receive, send);
            }
            Headers request = http.request().headers();
            List<String> ifNoneMatch = request.all("if-none-match");
            Optional<Instant> since = config.ifModifiedSince() && ifNoneMatch.isEmpty()
                    ? request.first("if-modified-since").flatMap(HttpDate::parse) : Optional.empty();
            if (ifNoneMatch.isEmpty() && since.isEmpty()) {
                return next.call(scope, receive, send);
            }
            return next.call(scope, receive, new NotModifiedSend(send, ifNoneMatch, since));
        };
    }

    /** One conditional response: rewrites a matching 200 into 304 and drops its body. */
    private static final class NotModifiedSend implements Send {
        private final Send downstream;
        private final List<String> ifNoneMatch;
        private final Optional<Instant> since;
        private boolean started;
        private boolean replaced;

        NotModifiedSend(Send downstream, List<String> ifNoneMatch, Optional<Instant> since) {
            this.downstream = downstream;
            this.ifNoneMatch = ifNoneMatch;
            this.since = since;
        }

        @Override
        public CompletionStage<Void> send(Event event) {
            if (!started && event instanceof HttpResponseStart start) {
                started = true;
                if (start.status() == 200 && notModified(start.headers())) {
                    replaced = true;
                    Headers kept = Headers.of(start.headers().stream()
                            .filter(h -> KEPT_ON_304.contains(h.name().toLowerCase(Locale.ROOT))).toList());
                    return downstream.send(new HttpResponseStart(304, kept))
                            .thenCompose(v -> downstream.send(HttpResponseBody.last(Bytes.empty())));
                }
                return downstream.send(start);
            }
            if (!replaced) {
                return downstream.send(event);
            }
            if (event instanceof HttpResponseChannel channel) {
                try {
                    channel.channel().close();   // the server would have closed it after streaming
                } catch (IOException ignored) {
                    // nothing is read from it any more
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        private boolean notModified(Headers response) {
            if (!ifNoneMatch.isEmpty()) {
                Optional<String> etag = response.first("etag");
                return ifNoneMatch.stream().anyMatch(v -> Conditional.noneMatchFails(v, etag));
            }
            Optional<Instant> lastModified = response.first("last-modified").flatMap(HttpDate::parse);
            return lastModified.isPresent() && lastModified.get().getEpochSecond() <= since.get().getEpochSecond();
        }
    }

    /** Collects the options. */
    public static final class Builder {
        private boolean ifModifiedSince = true;

        private Builder() {
        }

        /**
         * @param honour whether to compare {@code If-Modified-Since} with {@code Last-Modified} (default true)
         * @return this builder
         */
        public Builder ifModifiedSince(boolean honour) {
            this.ifModifiedSince = honour;
            return this;
        }

        /** @return the middleware */
        public ConditionalGet build() {
            return new ConditionalGet(new Config(ifModifiedSince));
        }
    }
}
