package org.pagi.middleware.redis;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.pagi.middleware.SessionStore;
import org.pagi.wrappers.Blocking;

/**
 * Keeps sessions in Redis, so that every instance behind a load balancer sees the same ones: the token is the
 * session id (128 random bits), the key is {@code prefix + id}, the value the record's compact binary form
 * ({@link SessionStore.Record#encode()}) in base64. A save is {@code SET key value PX idle}: Redis forgets a
 * session its users left, and a save (Session saves at least every quarter of the idle timeout while the session
 * is used) pushes the expiry back. The absolute expiry is {@code Session}'s, checked from the record's issue time.
 * {@code delete} is {@code DEL}, so a logout or login on one instance is seen at once by all.
 *
 * <p>Every call is asynchronous; when Redis is down or slower than the command timeout the stage fails with a
 * {@link RedisUnavailableException}, which {@code Session} answers with 503 (never as "no session"). A token that
 * is not an id this middleware issued loads as no session without a round trip. The synchronous methods wait, and
 * refuse to on the server's loop.
 */
public final class RedisSessionStore implements SessionStore {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Redis redis;
    private final String prefix;
    private final long idleMillis;

    private RedisSessionStore(Redis redis, String prefix, Duration idleTimeout) {
        this.redis = redis;
        this.prefix = prefix;
        this.idleMillis = idleTimeout.toMillis();
    }

    /** @return a builder; {@link Builder#redis} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the prefix of every key this store writes */
    public String prefix() {
        return prefix;
    }

    /** @return how long Redis keeps a session after its last save */
    public Duration idleTimeout() {
        return Duration.ofMillis(idleMillis);
    }

    @Override
    public CompletionStage<Optional<Record>> loadAsync(String token) {
        if (!ID.matcher(token).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return RedisStoreCalls.call(redis, () -> redis.async().get(prefix + token))
                .thenApply(value -> value == null ? Optional.<Record>empty() : decode(value, token));
    }

    @Override
    public CompletionStage<String> saveAsync(Record record) {
        String value = Base64.getEncoder().withoutPadding().encodeToString(record.encode());
        return RedisStoreCalls.call(redis, () -> redis.async().set(prefix + record.id(), value,
                SetArgs.Builder.px(idleMillis))).thenApply(ok -> record.id());
    }

    @Override
    public CompletionStage<Void> deleteAsync(String token) {
        if (!ID.matcher(token).matches()) {
            return CompletableFuture.completedFuture(null);
        }
        return RedisStoreCalls.call(redis, () -> redis.async().del(prefix + token)).thenApply(n -> null);
    }

    @Override
    public Optional<Record> load(String token) {
        return Blocking.await(loadAsync(token));
    }

    @Override
    public String save(Record record) {
        return Blocking.await(saveAsync(record));
    }

    @Override
    public void delete(String token) {
        Blocking.await(deleteAsync(token));
    }

    private static Optional<Record> decode(String value, String token) {
        try {
            return Record.decode(Base64.getDecoder().decode(value)).filter(r -> r.id().equals(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not written by this store
        }
    }

    /** Collects the settings; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private Redis redis;
        private String prefix = "pagi:session:";
        private Duration idleTimeout = Duration.ofHours(1);

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
         * @param value the prefix of every key, not empty (default {@code pagi:session:}); one per application
         *              sharing a Redis
         * @return this builder
         */
        public Builder prefix(String value) {
            prefix = RedisStoreCalls.prefix(value);
            return this;
        }

        /**
         * @param value how long Redis keeps a session after its last save, at least one millisecond (default one
         *              hour): give {@code Session} the same idle timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            Objects.requireNonNull(value, "idleTimeout");
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + value);
            }
            idleTimeout = value;
            return this;
        }

        /** @return the store */
        public RedisSessionStore build() {
            RedisStoreCalls.requireRedis(redis);
            return new RedisSessionStore(redis, prefix, idleTimeout);
        }
    }
}
