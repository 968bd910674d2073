package org.pagi.middleware.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of {@link RedisChannel}, run with {@code EVALSHA}: its body crosses the network once, when it is
 * loaded, and again only when Redis answers {@code NOSCRIPT} (a restarted Redis has an empty script cache).
 */
final class RedisChannelScript {
    /**
     * Publish: XADD to the topic's stream (trimmed to about {@code maxlen}) and PUBLISH the same message with the
     * stream id, in one atomic step, so the pub/sub order is the stream order. Without history the id comes from a
     * counter that starts, when Redis has none, at Redis's clock in microseconds: ids stay unique across a restart
     * of a Redis that keeps nothing (unless it carried over a million messages a second on average).
     * KEYS: stream, counter. ARGV: maxlen (0 = no stream), pub/sub channel, encoded message.
     */
    static final RedisChannelScript PUBLISH = new RedisChannelScript("""
            local id
            if tonumber(ARGV[1]) > 0 then
              id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[3])
            else
              local n = redis.call('INCR', KEYS[2])
              if n == 1 then
                local t = redis.call('TIME')
                n = redis.call('INCRBY', KEYS[2], t[1] .. string.format('%06d', tonumber(t[2])))
              end
              id = string.format('%.0f', n)
            end
            redis.call('PUBLISH', ARGV[2], id .. '\\n' .. ARGV[3])
            return id
            """, ScriptOutputType.VALUE);

    /**
     * History: the oldest retained id ('' for none) followed by id, message pairs, newest first, at most
     * {@code count} of them after {@code after} (exclusive; '' for the whole stream).
     * KEYS: stream. ARGV: after, count.
     */
    static final RedisChannelScript HISTORY = new RedisChannelScript("""
            local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
            local low = '-'
            if ARGV[1] ~= '' then low = '(' .. ARGV[1] end
            local entries = redis.call('XREVRANGE', KEYS[1], '+', low, 'COUNT', ARGV[2])
            local out = { first[1] and first[1][1] or '' }
            for _, e in ipairs(entries) do
              local m = ''
              for j = 1, #e[2], 2 do
                if e[2][j] == 'm' then m = e[2][j + 1] end
              end
              out[#out + 1] = e[1]
              out[#out + 1] = m
            end
            return out
            """, ScriptOutputType.MULTI);

    /**
     * Presence enter, update and renewal: the member's expiry, by Redis's clock so that the processes' clocks do not
     * matter, in a sorted set, its info in a hash; both keys expire when no process renews anything in them
     * (PTTL -1, no expiry yet, counts as shorter).
     * KEYS: sorted set, hash. ARGV: member, info, ttl in ms.
     */
    static final RedisChannelScript PRESENCE_SET = new RedisChannelScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ttl = tonumber(ARGV[3])
            redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            for _, key in ipairs(KEYS) do
              -- never shortens the life a process with a longer ttl gave the keys
              if redis.call('PTTL', key) < ttl * 2 then redis.call('PEXPIRE', key, ttl * 2) end
            end
            return 1
            """, ScriptOutputType.INTEGER);

    /** Presence leave. KEYS: sorted set, hash. ARGV: member. */
    static final RedisChannelScript PRESENCE_LEAVE = new RedisChannelScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * Presence list: drops the entries whose expiry passed (a dead process's members), then answers member, info
     * pairs. KEYS: sorted set, hash.
     */
    static final RedisChannelScript PRESENCE_MEMBERS = new RedisChannelScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
            if #expired > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
              redis.call('HDEL', KEYS[2], unpack(expired))
            end
            local members = redis.call('ZRANGE', KEYS[1], 0, -1)
            local out = {}
            if #members > 0 then
              local infos = redis.call('HMGET', KEYS[2], unpack(members))
              for i, m in ipairs(members) do
                out[#out + 1] = m
                out[#out + 1] = infos[i] or ''
              end
            end
            return out
            """, ScriptOutputType.MULTI);

    private final String body;
    private final ScriptOutputType output;
    private volatile String sha;

    private RedisChannelScript(String body, ScriptOutputType output) {
        this.body = body;
        this.output = output;
    }

    /**
     * Runs the script, loading it first when this Redis does not have it (yet, or any more). Never throws: a
     * client that refuses at once (closed) fails the stage.
     */
    <T> CompletionStage<T> run(Redis redis, String[] keys, String... args) {
        String known = sha;
        if (known == null) {
            return load(redis).thenCompose(loaded -> evalsha(redis, loaded, keys, args));
        }
        return this.<T>evalsha(redis, known, keys, args).handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            if (isNoScript(failure)) {
                return load(redis).thenCompose(loaded -> this.<T>evalsha(redis, loaded, keys, args));
            }
            return CompletableFuture.<T>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    private <T> CompletionStage<T> evalsha(Redis redis, String digest, String[] keys, String[] args) {
        try {
            return redis.async().<T>evalsha(digest, output, keys, args);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    private CompletionStage<String> load(Redis redis) {
        CompletionStage<String> loading;
        try {
            loading = redis.async().scriptLoad(body);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return loading.thenApply(loaded -> {
            sha = loaded;
            return loaded;
        });
    }

    private static boolean isNoScript(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t instanceof RedisNoScriptException
                || (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"));
    }
}
