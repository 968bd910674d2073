package org.pagi.wrappers.apps;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.limit.RateLimitHeaders;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.StoreFailure;
import org.pagi.wrappers.limit.StoreOutage;
import org.pagi.wrappers.limit.TokenBucket;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Refusal;

/**
 * An application that admits {@code http} requests to the one it wraps at a token-bucket rate (upstream's
 * {@code PAGI::App::Throttle}): {@code rate} tokens a second, at most {@code burst} at once, one bucket per key.
 * A request that finds its bucket empty gets {@code 429 Too Many Requests} with {@code Retry-After} (seconds), or
 * whatever the {@code onLimit} handler answers, and never reaches the wrapped application. With {@code headers}
 * (the default) every answer carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset}.
 *
 * <p>The key is {@code global} by default, as upstream: one bucket for every client. Key by client with
 * {@code key(scope -> ...)}; a key function that answers null counts the request under {@code global}. The bucket
 * and the bounded store are the ones the {@code RateLimit} middleware uses ({@link TokenBucket},
 * {@link RateLimitStore}); the buckets belong to this instance, not to the process, unless a shared store (Redis)
 * is given. The store is asked without blocking ({@link RateLimitStore#takeAsync}); when it fails, {@code
 * onStoreFailure} decides: admit without a limit ({@link StoreFailure#FAIL_OPEN}, the default) or answer 503
 * ({@link StoreFailure#FAIL_CLOSED}), the outage logged once. Other scope types go to the wrapped application
 * untouched (the {@code WebSocketRateLimit} middleware limits messages).
 */
public final class Throttle implements Application {

    /** Upstream's body for a refused request. */
    public static final String REFUSED_BODY = "Too Many Requests";
    /** The body of the 503 answered under {@link StoreFailure#FAIL_CLOSED} while the store fails. */
    public static final String STORE_FAILED_BODY = "Rate limiting is unavailable. Try again later.";

    /** Answers a refused request instead of the default 429. */
    @FunctionalInterface
    public interface LimitHandler {
        /**
         * @param scope             the refused request
         * @param receive           its receive
         * @param send              its send
         * @param retryAfterSeconds whole seconds until a token is back, at least 1
         * @return completes when the answer is sent
         */
        CompletionStage<Void> refuse(HttpScope scope, Receive receive, Send send, long retryAfterSeconds);
    }

    private final Application app;
    private final TokenBucket bucket;
    private final Function<HttpScope, String> key;
    private final LimitHandler onLimit;
    private final boolean headers;
    private final RateLimitStore store;
    private final Clock clock;
    private final StoreOutage outage;

    private Throttle(Builder b, TokenBucket bucket, RateLimitStore store) {
        this.app = b.app;
        this.bucket = bucket;
        this.key = b.key;
        this.onLimit = b.onLimit;
        this.headers = b.headers;
        this.store = store;
        this.clock = b.clock;
        this.outage = new StoreOutage("Throttle", b.logger, b.onStoreFailure);
    }

    /**
     * @param app the application to throttle
     * @return a builder with upstream's defaults: 10 requests a second, burst equal to the rate, one global key
     */
    public static Builder builder(Application app) {
        return new Builder(Objects.requireNonNull(app, "app"));
    }

    /** @return the bucket every key of this throttle uses */
    public TokenBucket bucket() {
        return bucket;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http)) {
            return app.call(scope, receive, send);
        }
        String k;
        long now;
        try {
            k = key.apply(http);
            now = TokenBucket.epochNanos(clock);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return outage.decide(store, k == null ? "global" : k, bucket, now).thenCompose(decision -> decision
                .map(take -> admitOrRefuse(http, receive, send, take, now))
                .orElseGet(() -> outage.policy() == StoreFailure.FAIL_OPEN ? app.call(scope, receive, send)
                        : Refusal.send(http, http.method().equals("HEAD") ? new HeadSend(send) : send, 503,
                                Headers.of("content-type", "text/plain; charset=utf-8", "retry-after", "1"),
                                STORE_FAILED_BODY)));
    }

    private CompletionStage<Void> admitOrRefuse(HttpScope http, Receive receive, Send send, TokenBucket.Take take,
            long now) {
        Headers fields = headers ? RateLimitHeaders.fields(bucket, take, now) : Headers.empty();
        if (take.allowed()) {
            return app.call(http, receive, headers ? RateLimitHeaders.adding(send, fields) : send);
        }
        long retryAfter = RateLimitHeaders.retryAfterSeconds(take);
        if (onLimit != null) {
            return onLimit.refuse(http, receive, send, retryAfter);
        }
        Headers refused = Headers.builder().add("content-type", "text/plain; charset=utf-8")
                .add("retry-after", Long.toString(retryAfter)).addAll(fields).build();
        return Refusal.send(http, http.method().equals("HEAD") ? new HeadSend(send) : send, 429, refused,
                REFUSED_BODY);
    }

    /** Collects the options; each setter is optional. */
    public static final class Builder {
        private final Application app;
        private double rate = 10;
        private Integer burst;
        private Function<HttpScope, String> key = scope -> "global";
        private LimitHandler onLimit;
        private boolean headers = true;
        private int maxKeys = 10_000;
        private RateLimitStore store;
        private Clock clock = Clock.systemUTC();
        private StoreFailure onStoreFailure = StoreFailure.FAIL_OPEN;
        private System.Logger logger = System.getLogger(Throttle.class.getName());

        private Builder(Application app) {
            this.app = app;
        }

        /**
         * @param perSecond tokens added a second (default 10)
         * @return this builder
         */
        public Builder rate(double perSecond) {
            this.rate = perSecond;
            return this;
        }

        /**
         * @param value the bucket's capacity (default: the rate, rounded up)
         * @return this builder
         */
        public Builder burst(int value) {
            this.burst = value;
            return this;
        }

        /**
         * @param value the request's key (default {@code global}); null counts under {@code global}
         * @return this builder
         */
        public Builder key(Function<HttpScope, String> value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
        }

        /**
         * @param value answers refused requests (default: 429 {@code Too Many Requests})
         * @return this builder
         */
        public Builder onLimit(LimitHandler value) {
            this.onLimit = Objects.requireNonNull(value, "onLimit");
            return this;
        }

        /**
         * @param value whether to send the {@code X-RateLimit-*} fields (default true)
         * @return this builder
         */
        public Builder headers(boolean value) {
            this.headers = value;
            return this;
        }

        /**
         * @param value how many keys the default in-memory store holds (default 10000); the least recently used
         *              is forgotten beyond that
         * @return this builder
         */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /**
         * @param value where the buckets live (default an in-memory store of {@code maxKeys} keys)
         * @return this builder
         */
        public Builder store(RateLimitStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * @param value the time source (default the system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value what a request gets while the store fails (default {@link StoreFailure#FAIL_OPEN})
         * @return this builder
         */
        public Builder onStoreFailure(StoreFailure value) {
            this.onStoreFailure = Objects.requireNonNull(value, "onStoreFailure");
            return this;
        }

        /**
         * @param value where a store outage is logged, once when it starts and once when it ends (default the
         *              logger named after this class)
         * @return this builder
         */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * @return the application
         * @throws IllegalArgumentException naming {@code rate}, {@code burst} or {@code maxKeys} when out of range
         */
        public Throttle build() {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("rate: requests per second must be in (0, 1e9], got " + rate);
            }
            int capacity = burst != null ? burst : (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate));
            TokenBucket bucket = TokenBucket.perSecond(rate, capacity);
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys: must be at least 1, got " + maxKeys);
            }
            return new Throttle(this, bucket, store != null ? store : RateLimitStore.inMemory(maxKeys));
        }
    }
}
