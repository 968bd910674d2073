package org.pagi.middleware;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Receive;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Limits the WebSocket sessions open at once per client, beside {@link WebSocketRateLimit} (which limits what one
 * session sends). A session holds a slot of its key (the resolved client address by default, so after
 * {@link ProxyHeaders}; or a function of the scope) from the handshake until it ends, however it ends: the
 * application returns or fails, the client disconnects, or the application denies the handshake. A handshake
 * beyond {@code maxPerKey} for its key, beyond {@code maxTotal} in all, or for a new key while {@code maxKeys}
 * keys hold sessions, is refused with 429 through the {@code websocket.http.response} denial extension, or with
 * a close 1008 before accept (which the server answers 403) when the server does not offer it; the application
 * is not called. The key table holds only keys with open sessions and never more than {@code maxKeys}, so it
 * cannot grow with scanners. Acts on websocket scopes; http, sse and lifespan pass through. Thread-safe.
 */
public final class WebSocketConnectionLimit implements Middleware {

    private final Config config;
    /** Open sessions per key; a key leaves when its last session ends. Guarded by {@code this}. */
    private final Map<String, Integer> open = new HashMap<>();
    /** Open sessions in all. Guarded by {@code this}. */
    private int total;

    private WebSocketConnectionLimit(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults: 10 sessions per client address, no total cap, 10000 keys */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    /** The default key, one instance, so a stack can tell a limiter keyed by the client address. */
    static final Function<WebSocketScope, String> CLIENT_ADDRESS = WebSocketConnectionLimit::clientAddress;

    /**
     * The default key.
     *
     * @param scope the handshake
     * @return the client's host as the scope has it (after ProxyHeaders), or {@code "unknown"}
     */
    public static String clientAddress(WebSocketScope scope) {
        return scope.client().map(Endpoint::host).orElse("unknown");
    }

    /** @return the sessions open now through this middleware, all keys together */
    public synchronized int openSessions() {
        return total;
    }

    /**
     * @param key a key as the key function returns it
     * @return the sessions open now under {@code key}
     */
    public synchronized int openSessions(String key) {
        return open.getOrDefault(key, 0);
    }

    /** @return how many keys hold at least one open session (the size of the key table) */
    public synchronized int trackedKeys() {
        return open.size();
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof WebSocketScope ws)) {
                return next.call(scope, receive, send);
            }
            String key = config.key().apply(ws);
            if (key == null) {
                return next.call(scope, receive, send);
            }
            String refused = acquire(key);
            if (refused != null) {
                return Refusal.text(ws, send, 429, refused);
            }
            Slot slot = new Slot(key);
            Receive watching = () -> receive.receive().thenApply(event -> {
                if (event instanceof WebSocketDisconnect) {
                    slot.release();   // the connection is gone even if the application goes on working
                }
                return event;
            });
            CompletionStage<Void> session;
            try {
                session = next.call(scope, watching, send);
            } catch (RuntimeException | Error e) {
                slot.release();
                throw e;
            }
            return session.whenComplete((v, e) -> slot.release());
        };
    }

    /** @return null when a slot was taken for {@code key}, else why not (the denial's body) */
    private synchronized String acquire(String key) {
        Integer count = open.get(key);
        if (count == null && open.size() >= config.maxKeys()) {
            return "Too many clients with open WebSocket connections";
        }
        if (count != null && count >= config.maxPerKey()) {
            return "Too many open WebSocket connections from this client";
        }
        if (total >= config.maxTotal()) {
            return "Too many open WebSocket connections";
        }
        open.put(key, count == null ? 1 : count + 1);
        total++;
        return null;
    }

    private synchronized void release(String key) {
        int count = open.get(key);
        if (count == 1) {
            open.remove(key);
        } else {
            open.put(key, count - 1);
        }
        total--;
    }

    /** One session's slot; whichever ending comes first gives it back, the others find it already given. */
    private final class Slot {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String key) {
            this.key = key;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                WebSocketConnectionLimit.this.release(key);
            }
        }
    }

    /**
     * A connection-limit policy.
     *
     * @param maxPerKey sessions one key may hold open at once (default 10)
     * @param maxTotal  sessions open at once in all (default {@link Integer#MAX_VALUE}: no cap beyond the server's)
     * @param maxKeys   keys that may hold sessions at once; a new key beyond it is refused (default 10000)
     * @param key       the handshake's key; {@code null} exempts it (default {@link #clientAddress})
     */
    public record Config(int maxPerKey, int maxTotal, int maxKeys, Function<WebSocketScope, String> key) {
        /** Validates every option; the message names the one that is wrong. */
        public Config {
            if (maxPerKey < 1) {
                throw new IllegalArgumentException("maxPerKey: must be at least 1, got " + maxPerKey);
            }
            if (maxTotal < maxPerKey) {
                throw new IllegalArgumentException("maxTotal: must be at least maxPerKey (" + maxPerKey + "), got "
                        + maxTotal);
            }
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys: must be at least 1, got " + maxKeys);
            }
            Objects.requireNonNull(key, "key");
        }
    }

    /** Builds a {@link WebSocketConnectionLimit}; every setter is optional. Not thread-safe; build once. */
    public static final class Builder {
        private int maxPerKey = 10;
        private int maxTotal = Integer.MAX_VALUE;
        private int maxKeys = 10_000;
        private Function<WebSocketScope, String> key = CLIENT_ADDRESS;

        private Builder() {
        }

        /**
         * @param value sessions one key may hold open at once (default 10)
         * @return this builder
         */
        public Builder maxPerKey(int value) {
            this.maxPerKey = value;
            return this;
        }

        /**
         * @param value sessions open at once in all (default no cap)
         * @return this builder
         */
        public Builder maxTotal(int value) {
            this.maxTotal = value;
            return this;
        }

        /**
         * @param value keys that may hold sessions at once (default 10000)
         * @return this builder
         */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /**
         * @param value the handshake's key; returning {@code null} exempts it (default the client address)
         * @return this builder
         */
        public Builder key(Function<WebSocketScope, String> value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public WebSocketConnectionLimit build() {
            return new WebSocketConnectionLimit(new Config(maxPerKey, maxTotal, maxKeys, key));
        }
    }
}
