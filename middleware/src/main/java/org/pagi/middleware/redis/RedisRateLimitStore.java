package org.pagi.middleware.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.limit.RateLimitStore;
import org.pagi.wrappers.limit.TokenBucket;

/**
 * Keeps the rate limiters' buckets in Redis, so that every instance behind a load balancer counts against the same
 * limit. One take is one Lua script ({@code EVALSHA}, the script sent again with {@code EVAL} when Redis answers
 * {@code NOSCRIPT}, after a restart or {@code SCRIPT FLUSH}): read the key's theoretical arrival time, decide,
 * write, all atomic on the server, so concurrent requests on any instances never take more than the bucket holds.
 * The decision is {@link TokenBucket#take(long, long)}'s, to the nanosecond: Lua numbers are doubles, so the
 * script keeps the times split in seconds and nanoseconds and works on differences (exact below 2^53 ns, 104 days:
 * a longer refill window fails the take). The key ({@code prefix + key}) expires when the bucket would be full
 * again, so idle clients cost Redis nothing.
 *
 * <p>The time is the calling instance's clock, so instances should keep theirs in sync (NTP); a skew between
 * them shifts refills by as much. Give each policy its own store (its own prefix) when several share a Redis.
 * When Redis is down or times out the stage fails with a {@link RedisUnavailableException} and the limiter applies
 * its {@code onStoreFailure} policy.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    /** The longest refill window the script computes exactly: 2^53 ns. */
    public static final long MAX_WINDOW_NANOS = 1L << 53;

    /** KEYS[1] the bucket; ARGV now's seconds and nanoseconds, the interval and the window in nanoseconds. */
    static final String SCRIPT = """
            local nowSec = tonumber(ARGV[1])
            local nowNs = tonumber(ARGV[2])
            local interval = tonumber(ARGV[3])
            local window = tonumber(ARGV[4])
            local stored = redis.call('GET', KEYS[1])
            local ahead = 0
            if stored then
              local n = string.len(stored)
              local sec, ns = 0, tonumber(stored)
              if n > 9 then
                sec = tonumber(string.sub(stored, 1, n - 9))
                ns = tonumber(string.sub(stored, n - 8))
              end
              ahead = (sec - nowSec) * 1000000000 + (ns - nowNs)
              if ahead < 0 then ahead = 0 end
            end
            local allowance = window - interval
            if ahead > allowance then
              return {0, stored, 0, ahead - allowance, ahead}
            end
            local nxt = ahead + interval
            local left = window - nxt
            local remaining = (left - math.fmod(left, interval)) / interval
            local total = nowNs + nxt
            local ns = math.fmod(total, 1000000000)
            local tat = string.format('%d%09d', nowSec + (total - ns) / 1000000000, ns)
            redis.call('SET', KEYS[1], tat, 'PX', math.ceil(nxt / 1000000))
            return {1, tat, remaining, 0, nxt}
            """;
    private static final String SHA = sha1(SCRIPT);

    private final Redis redis;
    private final String prefix;

    private RedisRateLimitStore(Redis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** @return a builder; {@link Builder#redis} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the prefix of every key this store writes */
    public String prefix() {
        return prefix;
    }

    @Override
    public CompletionStage<TokenBucket.Take> takeAsync(String key, TokenBucket bucket, long nowNanos) {
        Objects.requireNonNull(key, "key");
        if (bucket.windowNanos() > MAX_WINDOW_NANOS) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("burst / rate: the Redis store "
                    + "computes refill windows up to 2^53 ns (104 days), got " + bucket.windowNanos() + " ns"));
        }
        if (nowNanos < 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("now: before the epoch: " + nowNanos));
        }
        String[] keys = {prefix + key};
        String[] args = {Long.toString(nowNanos / 1_000_000_000L), Long.toString(nowNanos % 1_000_000_000L),
                Long.toString(bucket.intervalNanos()), Long.toString(bucket.windowNanos())};
        return RedisStoreCalls.call(redis, () -> redis.async().<List<Object>>evalsha(SHA, ScriptOutputType.MULTI,
                keys, args).exceptionallyCompose(e -> noScript(e)
                        ? redis.async().<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                        : CompletableFuture.failedFuture(e))).thenApply(RedisRateLimitStore::take);
    }

    @Override
    public TokenBucket.Take take(String key, TokenBucket bucket, long nowNanos) {
        return Blocking.await(takeAsync(key, bucket, nowNanos));
    }

    private static boolean noScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisNoScriptException) {
                return true;
            }
        }
        return false;
    }

    private static TokenBucket.Take take(List<Object> reply) {
        return new TokenBucket.Take(((Long) reply.get(0)) == 1L, Long.parseLong((String) reply.get(1)),
                Math.toIntExact((Long) reply.get(2)), (Long) reply.get(3), (Long) reply.get(4));
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** Collects the settings; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private Redis redis;
        private String prefix = "pagi:ratelimit:";

        private Builder() {
        }

        /**
         * @param value the shared connection (required)
         * @return this builder
         */
        public Builder redis(Redis value) {
            redis = Objects.requireNonNull(value, "redis");
            return this;
        }

        /**
         * @param value the prefix of every key, not empty (default {@code pagi:ratelimit:}); one per policy
         * @return this builder
         */
        public Builder prefix(String value) {
            prefix = RedisStoreCalls.prefix(value);
            return this;
        }

        /** @return the store */
        public RedisRateLimitStore build() {
            RedisStoreCalls.requireRedis(redis);
            return new RedisRateLimitStore(redis, prefix);
        }
    }
}
