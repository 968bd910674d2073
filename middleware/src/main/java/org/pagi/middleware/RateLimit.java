package org.pagi.middleware;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.limit.RateLimitHeaders;
import org.pagi.wrappers.limit.TokenBucket;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.StoreFailure;
import org.pagi.wrappers.limit.StoreOutage;

/**
 * Limits {@code http} requests per key with a {@link TokenBucket} (shared with the {@code Throttle} app): a request that finds its bucket empty gets
 * {@code 429 Too Many Requests} with {@code Retry-After} (seconds) and never reaches the application. Every answer,
 * admitted or refused, carries {@code X-RateLimit-Limit} (the burst), {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (epoch seconds when the bucket is full again), and with {@code ietfHeaders} the draft
 * {@code RateLimit-Policy} and {@code RateLimit} fields. The key is the scope's client address by default: the
 * address the server saw, or the one ProxyHeaders resolved from trusted proxies, never a raw request header a
 * client could rotate. One instance is one policy: put the same instance on several routes to share its buckets,
 * or different instances (router per-route middleware) for different limits; when policies nest, every one counts
 * the request and the innermost one's fields reach the client. Other scope types pass through.
 *
 * <p>The store is asked without blocking ({@link RateLimitStore#takeAsync}), so a shared store (Redis) costs no
 * loop time. When it fails, {@link Builder#onStoreFailure} decides: admit the request without a limit
 * ({@link StoreFailure#FAIL_OPEN}, the default) or answer {@code 503} with {@code Retry-After: 1}
 * ({@link StoreFailure#FAIL_CLOSED}); the outage is logged once when it starts and once when it ends.
 */
public final class RateLimit implements Middleware {

    /** Upstream's body for a refused request. */
    static final String REFUSED_BODY = "Rate limit exceeded. Try again later.";
    /** The body of the 503 answered under {@link StoreFailure#FAIL_CLOSED} while the store fails. */
    static final String STORE_FAILED_BODY = "Rate limiting is unavailable. Try again later.";
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Config config;
    private final TokenBucket bucket;
    private final StoreOutage outage;

    private RateLimit(Config config, System.Logger logger) {
        this.config = config;
        this.bucket = TokenBucket.perSecond(config.requestsPerSecond(), config.burst());
        this.outage = new StoreOutage("RateLimit policy " + config.policyName(), logger, config.onStoreFailure());
    }

    /** A builder with upstream's defaults: 10 requests a second, burst 20, keyed by client address. */
    public static Builder builder() {
        return new Builder();
    }

    /** This middleware's configuration. */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return next.call(scope, receive, send);
            }
            String key;
            long now;
            try {
                key = config.key().apply(http);
                if (key == null) {
                    return next.call(scope, receive, send);
                }
                now = TokenBucket.epochNanos(config.clock());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return outage.decide(config.store(), key, bucket, now).thenCompose(decision -> {
                if (decision.isEmpty()) {
                    return outage.policy() == StoreFailure.FAIL_OPEN ? next.call(scope, receive, send)
                            : storeFailed(http, send);
                }
                TokenBucket.Take take = decision.get();
                Headers fields = fields(take, now);
                if (!take.allowed()) {
                    return refuse(http, send, take, fields);
                }
                // Nested policies (a global one around a route's): the innermost one's fields reach the client.
                return next.call(scope, receive, RateLimitHeaders.adding(send, fields));
            });
        };
    }

    private static CompletionStage<Void> storeFailed(HttpScope http, Send send) {
        return Response.text(STORE_FAILED_BODY).withStatus(503).withHeader("retry-after", "1")
                .respond(http, "HEAD".equals(http.method()) ? new HeadSend(send) : send);
    }

    private CompletionStage<Void> refuse(HttpScope http, Send send, TokenBucket.Take take, Headers fields) {
        Response refused = Response.text(REFUSED_BODY).withStatus(429)
                .withHeader("retry-after", Long.toString(RateLimitHeaders.retryAfterSeconds(take)))
                .withHeaders(fields);
        return refused.respond(http, "HEAD".equals(http.method()) ? new HeadSend(send) : send);
    }

    private Headers fields(TokenBucket.Take take, long now) {
        Headers.Builder b = Headers.builder().addAll(RateLimitHeaders.fields(bucket, take, now));
        if (config.ietfHeaders()) {
            String name = '"' + config.policyName() + '"';
            b.add("ratelimit-policy", name + ";q=" + bucket.burst() + ";w=" + ceilSeconds(bucket.windowNanos()));
            b.add("ratelimit", name + ";r=" + take.remaining() + ";t=" + ceilSeconds(take.resetNanos()));
        }
        return b.build();
    }

    private static long ceilSeconds(long nanos) {
        return RateLimitHeaders.ceilSeconds(nanos);
    }

    /** The default key, one instance, so a stack can tell a limiter keyed by the client address. */
    static final Function<HttpScope, String> CLIENT_ADDRESS = RateLimit::clientAddress;

    /** The default key: the client's host as the scope has it (after ProxyHeaders), or {@code "unknown"}. */
    public static String clientAddress(HttpScope scope) {
        return scope.client().map(Endpoint::host).orElse("unknown");
    }

    /**
     * A rate-limit policy.
     *
     * @param requestsPerSecond the refill rate (default 10)
     * @param burst the bucket capacity, sent as {@code X-RateLimit-Limit} (default 20)
     * @param key the request's key; {@code null} exempts the request (default {@link #clientAddress})
     * @param store where the buckets live (default an in-memory store of {@code maxKeys} keys, 10000)
     * @param clock the time source (default the system clock)
     * @param ietfHeaders whether to add {@code RateLimit-Policy} and {@code RateLimit} (default false)
     * @param policyName the policy's name in those fields (default {@code default})
     * @param onStoreFailure what a request gets while the store fails (default {@link StoreFailure#FAIL_OPEN})
     */
    public record Config(double requestsPerSecond, int burst, Function<HttpScope, String> key, RateLimitStore store,
                         Clock clock, boolean ietfHeaders, String policyName, StoreFailure onStoreFailure) {

        /** Validates every option; the message names the one that is wrong. */
        public Config {
            TokenBucket.perSecond(requestsPerSecond, burst);
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(policyName, "policyName");
            Objects.requireNonNull(onStoreFailure, "onStoreFailure");
            if (!POLICY_NAME.matcher(policyName).matches()) {
                throw new IllegalArgumentException("policyName: 1 to 64 of A-Z a-z 0-9 _ . : -, got " + policyName);
            }
        }
    }

    /** Builds a {@link RateLimit}; every setter is optional. */
    public static final class Builder {
        private double requestsPerSecond = 10;
        private int burst = 20;
        private Function<HttpScope, String> key = CLIENT_ADDRESS;
        private RateLimitStore store;
        private Integer maxKeys;
        private Clock clock = Clock.systemUTC();
        private boolean ietfHeaders;
        private String policyName = "default";
        private StoreFailure onStoreFailure = StoreFailure.FAIL_OPEN;
        private System.Logger logger = System.getLogger(RateLimit.class.getName());

        private Builder() {
        }

        /** Tokens refilled per second (default 10). */
        public Builder requestsPerSecond(double value) {
            this.requestsPerSecond = value;
            return this;
        }

        /** Bucket capacity (default 20). */
        public Builder burst(int value) {
            this.burst = value;
            return this;
        }

        /** The key of a request; returning {@code null} exempts it (default: the client address). */
        public Builder key(Function<HttpScope, String> value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
        }

        /** A store shared with other instances or processes (default: in-memory, {@code maxKeys} keys). */
        public Builder store(RateLimitStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Keys the default in-memory store holds before forgetting the least recently used (default 10000). */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /** The time source (default the system UTC clock); tests give a clock they move by hand. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Also send the IETF draft {@code RateLimit-Policy} and {@code RateLimit} fields (default false). */
        public Builder ietfHeaders(boolean value) {
            this.ietfHeaders = value;
            return this;
        }

        /** The policy name in the IETF fields (default {@code default}). */
        public Builder policyName(String value) {
            this.policyName = value;
            return this;
        }

        /**
         * What a request gets while the store fails (Redis down or timing out): admitted without a limit
         * ({@link StoreFailure#FAIL_OPEN}, the default) or {@code 503} ({@link StoreFailure#FAIL_CLOSED}).
         */
        public Builder onStoreFailure(StoreFailure value) {
            this.onStoreFailure = Objects.requireNonNull(value, "onStoreFailure");
            return this;
        }

        /** Where a store outage is logged, once as it starts and once as it ends (default: this class's logger). */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * The middleware.
         *
         * @throws IllegalArgumentException naming the option when one is out of range, or {@code maxKeys} when
         *         it is given together with a {@code store} (the bound belongs to that store)
         */
        public RateLimit build() {
            if (store != null && maxKeys != null) {
                throw new IllegalArgumentException("maxKeys: applies to the default in-memory store only;"
                        + " bound the given store instead");
            }
            RateLimitStore chosen = store != null ? store : RateLimitStore.inMemory(maxKeys == null ? 10_000 : maxKeys);
            return new RateLimit(new Config(requestsPerSecond, burst, key, chosen, clock, ietfHeaders, policyName,
                    onStoreFailure), logger);
        }
    }
}
