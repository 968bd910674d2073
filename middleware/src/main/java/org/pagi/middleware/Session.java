package org.pagi.middleware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Server-side state across requests: loads the session named by the client's token ({@link SessionState}: a cookie
 * by default) from a {@link SessionStore} and puts a {@link SessionData} in the scope attribute {@value #ATTRIBUTE}.
 *
 * <p>On http the session is saved when the response starts, and only if it changed, was regenerated or destroyed,
 * or its idle clock needs a refresh (a quarter of the idle timeout has passed since it was last saved): no
 * {@code Set-Cookie} on every response, and none for a new session nothing was put in. A session older than
 * {@link Builder#absoluteTimeout} since issue, or unsaved for longer than {@link Builder#idleTimeout}, is treated as
 * absent (and deleted from the store), so the client starts a new one. On websocket and sse scopes the session is
 * loaded read-only: changing it throws. Lifespan scopes pass through.
 */
public final class Session implements Middleware, CookieSecurityClaims {

    /** The scope attribute holding the {@link SessionData}. */
    public static final String ATTRIBUTE = "pagi.session";

    private final Config config;

    private Session(Config config) {
        this.config = config;
    }

    /**
     * @return a builder with upstream's defaults: a memory store, cookie {@code pagi_session}, idle timeout one hour,
     *     absolute timeout one day
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param scope a scope that went through this middleware
     * @return its session
     */
    public static Optional<SessionData> of(Scope scope) {
        return scope instanceof RequestScope r ? r.attribute(ATTRIBUTE).map(SessionData.class::cast)
                : Optional.empty();
    }

    /** @return the configuration this middleware was built with */
    public Config config() {
        return config;
    }

    /**
     * The settings.
     *
     * @param store           where sessions are kept
     * @param state           where the token travels
     * @param idleTimeout     how long a session lives without being saved
     * @param absoluteTimeout how long a session id lives at most
     * @param clock           the time source
     */
    public record Config(SessionStore store, SessionState state, Duration idleTimeout, Duration absoluteTimeout,
            Clock clock) {
        /** Checks the values are present. */
        public Config {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** @return the state option when it is a cookie forced without Secure, for {@link MiddlewareStack}'s check */
    @Override
    public Optional<String> insecureCookieOption() {
        return config.state() instanceof SessionState.CookieState c && c.withoutSecure()
                ? Optional.of("Session option state (SessionState.cookie(\"" + c.name() + "\").insecure())")
                : Optional.empty();
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope request)) {
                return next.call(scope, receive, send);
            }
            Instant now = config.clock().instant();
            Optional<String> token = config.state().read(request);
            Optional<SessionStore.Record> found = token.flatMap(config.store()::load).filter(r -> alive(r, now));
            if (token.isPresent() && found.isEmpty()) {
                config.store().delete(token.get());
            }
            SessionData session = new SessionData(
                    found.orElseGet(() -> new SessionStore.Record(RequestId.random(), Map.of(), now, now)),
                    found.isEmpty(), !(scope instanceof HttpScope));
            RequestScope withSession = request.withAttribute(ATTRIBUTE, session);
            if (!(scope instanceof HttpScope http)) {
                return next.call(withSession, receive, send);
            }
            return next.call(withSession, receive, event -> {
                if (!(event instanceof HttpResponseStart start)) {
                    return send.send(event);
                }
                Headers headers;
                try {
                    headers = save(http, session, token, start.headers());
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                return send.send(new HttpResponseStart(start.status(), headers, start.trailers()));
            });
        };
    }

    private boolean alive(SessionStore.Record record, Instant now) {
        return now.isBefore(record.issuedAt().plus(config.absoluteTimeout()))
                && now.isBefore(record.lastSeen().plus(config.idleTimeout()));
    }

    private Headers save(HttpScope scope, SessionData session, Optional<String> token, Headers headers) {
        Instant now = config.clock().instant();
        SessionData.Commit c = session.commit(now);
        if (c.destroyed()) {
            token.ifPresent(config.store()::delete);
            return token.isPresent() ? config.state().clear(headers, scope) : headers;
        }
        if (c.regenerated()) {
            token.ifPresent(config.store()::delete);
        }
        boolean stale = !c.isNew()
                && Duration.between(c.lastSeen(), now).compareTo(config.idleTimeout().dividedBy(4)) >= 0;
        boolean worthKeeping = !c.isNew() || !c.data().isEmpty();
        if (!worthKeeping || !(c.changed() || c.regenerated() || stale)) {
            return headers;
        }
        String saved = config.store().save(new SessionStore.Record(c.id(), c.data(), c.issuedAt(), now));
        if (token.isPresent() && token.get().equals(saved)) {
            return headers;
        }
        Duration left = Duration.between(now, c.issuedAt().plus(config.absoluteTimeout()));
        return config.state().write(headers, scope, saved, left.isNegative() ? Duration.ZERO : left);
    }

    /** Collects the settings; {@link #build()} checks them, naming the option. */
    public static final class Builder {
        private SessionStore store;
        private SessionState state = SessionState.cookie("pagi_session");
        private Duration idleTimeout = Duration.ofHours(1);
        private Duration absoluteTimeout = Duration.ofDays(1);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param value where sessions are kept (default a {@link MemorySessionStore} with its default bound)
         * @return this builder
         */
        public Builder store(SessionStore value) {
            store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * @param value where the token travels (default {@code SessionState.cookie("pagi_session")})
         * @return this builder
         */
        public Builder state(SessionState value) {
            state = Objects.requireNonNull(value, "state");
            return this;
        }

        /**
         * @param value how long a session lives without being saved, positive (default one hour)
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = positive("idleTimeout", value);
            return this;
        }

        /**
         * @param value how long a session id lives at most, counted from its issue (default one day)
         * @return this builder
         */
        public Builder absoluteTimeout(Duration value) {
            absoluteTimeout = positive("absoluteTimeout", value);
            return this;
        }

        /**
         * @param value the time source (default the system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        private static Duration positive(String option, Duration value) {
            Objects.requireNonNull(value, option);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, got " + value);
            }
            return value;
        }

        /** @return the middleware */
        public Session build() {
            if (idleTimeout.compareTo(absoluteTimeout) > 0) {
                throw new IllegalArgumentException("idleTimeout (" + idleTimeout
                        + ") must not exceed absoluteTimeout (" + absoluteTimeout + ")");
            }
            return new Session(new Config(store == null ? MemorySessionStore.builder().build() : store, state,
                    idleTimeout, absoluteTimeout, clock));
        }
    }
}
