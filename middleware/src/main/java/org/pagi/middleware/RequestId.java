package org.pagi.middleware;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Gives every http and sse request an id: in the scope attribute {@value #ATTRIBUTE} (for the application, its logs
 * and the access log) and in a response header ({@code X-Request-ID} by default), so a client's report can be found
 * in the server's logs.
 *
 * <p>The default id is 128 random bits from {@link SecureRandom}, base64url without padding (22 characters). An id
 * the client sent in the same header is used instead only when {@link Builder#trustIncoming(boolean)} is on and it is
 * 1 to {@link Builder#maxLength(int)} characters from {@code A-Z a-z 0-9 - _ . : + / = @ ~}; anything else (control
 * characters, spaces, quotes, an overlong value) is replaced by a fresh id, so an incoming id can never split a log
 * line or smuggle terminal escapes. WebSocket and lifespan scopes pass through.
 */
public final class RequestId implements Middleware {

    /** The scope attribute holding the id (a {@code String}). */
    public static final String ATTRIBUTE = "pagi.request_id";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Config config;

    private RequestId(Config config) {
        this.config = config;
    }

    /** @return a builder with upstream's defaults: header {@code X-Request-ID}, incoming ids not trusted */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param scope a scope that went through this middleware
     * @return the request's id, if this middleware set one
     */
    public static Optional<String> of(Scope scope) {
        return scope instanceof RequestScope r ? r.attribute(ATTRIBUTE).map(String.class::cast) : Optional.empty();
    }

    /** @return a fresh random id: 128 bits, base64url without padding */
    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * @param id        a candidate id
     * @param maxLength the longest id accepted
     * @return whether {@code id} is safe to log and echo: 1 to {@code maxLength} characters from the safe set
     */
    public static boolean isSafe(String id, int maxLength) {
        if (id == null || id.isEmpty() || id.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:+/=@~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings.
     *
     * @param header        the response (and, when trusted, request) header carrying the id, lower case
     * @param trustIncoming whether a safe incoming id is kept
     * @param maxLength     the longest incoming id kept
     * @param generator     makes a fresh id; its ids must be safe too
     */
    public record Config(String header, boolean trustIncoming, int maxLength, Supplier<String> generator) {
        /** Checks the values are present. */
        public Config {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(generator, "generator");
        }
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope || scope instanceof SseScope)) {
                return next.call(scope, receive, send);
            }
            RequestScope request = (RequestScope) scope;
            String id = idFor(request.headers());
            if (id == null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "generator made an id with characters outside A-Z a-z 0-9 -_.:+/=@~ or an empty one"));
            }
            return next.call(request.withAttribute(ATTRIBUTE, id), receive, event -> send.send(tag(event, id)));
        };
    }

    private String idFor(Headers headers) {
        if (config.trustIncoming()) {
            String incoming = headers.first(config.header()).orElse(null);
            if (isSafe(incoming, config.maxLength())) {
                return incoming;
            }
        }
        String fresh = config.generator().get();
        return isSafe(fresh, Integer.MAX_VALUE) ? fresh : null;
    }

    private Event tag(Event event, String id) {
        return switch (event) {
            case HttpResponseStart s -> new HttpResponseStart(s.status(), s.headers().replace(config.header(), id),
                    s.trailers());
            case SseStart s -> new SseStart(s.status(), s.headers().replace(config.header(), id));
            case SseHttpResponseStart s ->
                    new SseHttpResponseStart(s.status(), s.headers().replace(config.header(), id));
            default -> event;
        };
    }

    /** Collects the settings; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private String header = "x-request-id";
        private boolean trustIncoming;
        private int maxLength = 128;
        private Supplier<String> generator = RequestId::random;

        private Builder() {
        }

        /**
         * @param name the header carrying the id (default {@code X-Request-ID})
         * @return this builder
         */
        public Builder header(String name) {
            header = Tokens.headerName("header", name);
            return this;
        }

        /**
         * @param value keep a safe id the client (or a proxy in front) sent in the header (default false)
         * @return this builder
         */
        public Builder trustIncoming(boolean value) {
            trustIncoming = value;
            return this;
        }

        /**
         * @param value the longest incoming id kept, 1 to 1024 (default 128)
         * @return this builder
         */
        public Builder maxLength(int value) {
            if (value < 1 || value > 1024) {
                throw new IllegalArgumentException("maxLength must be 1..1024, got " + value);
            }
            maxLength = value;
            return this;
        }

        /**
         * @param value makes fresh ids (default {@link RequestId#random()}); must be thread-safe, and its ids are
         *              checked like incoming ones
         * @return this builder
         */
        public Builder generator(Supplier<String> value) {
            generator = Objects.requireNonNull(value, "generator");
            return this;
        }

        /** @return the middleware */
        public RequestId build() {
            return new RequestId(new Config(header, trustIncoming, maxLength, generator));
        }
    }
}
