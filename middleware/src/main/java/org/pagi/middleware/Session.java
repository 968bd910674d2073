package org.pagi.middleware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.HeadSend;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

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
 *
 * <p>The store is called only through its asynchronous methods, and the response start waits for the save. When
 * the store fails (Redis down or timing out) the request is answered {@code 503 Service Unavailable} with
 * {@code Retry-After: 1} and a short text body, on load as on save: the user is never treated as logged out, and
 * a login, logout or regeneration that could not be stored is never reported as done.
 */
public final class Session implements Middleware, CookieSecurityClaims {

    /** The scope attribute holding the {@link SessionData}. */
    public static final String ATTRIBUTE = "pagi.session";
    /** The body of the 503 answered while the store fails. */
    public static final String UNAVAILABLE_BODY = "Session storage is unavailable. Try again later.";

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
            Instant now;
            Optional<String> token;
            try {
                now = config.clock().instant();
                token = config.state().read(request);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return load(token, now).handle((found, failure) -> {
                if (failure != null) {
                    return storeFailed(failure) ? unavailable(request, send) : CompletableFuture.<Void>failedFuture(
                            failure);
                }
                SessionData session = new SessionData(
                        found.orElseGet(() -> new SessionStore.Record(RequestId.random(), Map.of(), now, now)),
                        found.isEmpty(), !(scope instanceof HttpScope));
                RequestScope withSession = request.withAttribute(ATTRIBUTE, session);
                return scope instanceof HttpScope http
                        ? next.call(withSession, receive, savingSend(http, session, token, send))
                        : next.call(withSession, receive, send);
            }).thenCompose(Function.identity());
        };
    }

    /** The live session behind {@code token}; a dead or unknown one is deleted (a failure to delete it is moot). */
    private CompletionStage<Optional<SessionStore.Record>> load(Optional<String> token, Instant now) {
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store(() -> config.store().loadAsync(token.get())).thenCompose(found -> {
            Optional<SessionStore.Record> live = found.filter(r -> alive(r, now));
            return live.isPresent() ? CompletableFuture.completedFuture(live)
                    : store(() -> config.store().deleteAsync(token.get())).handle((v, ignored) -> live);
        });
    }

    /**
     * Saves the session as the response starts and only then forwards the start; when the store fails, a 503
     * goes instead and the application's later events are dropped (its response never began on the wire).
     */
    private Send savingSend(HttpScope http, SessionData session, Optional<String> token, Send send) {
        AtomicReference<CompletionStage<Boolean>> started = new AtomicReference<>();
        return event -> {
            if (!(event instanceof HttpResponseStart start)) {
                CompletionStage<Boolean> replaced = started.get();
                return replaced == null ? send.send(event)
                        : replaced.thenCompose(r -> r ? CompletableFuture.completedFuture(null) : send.send(event));
            }
            CompletionStage<Headers> saved;
            try {
                saved = save(http, session, token, start.headers());
            } catch (RuntimeException e) {
                saved = CompletableFuture.failedFuture(e);
            }
            CompletionStage<Boolean> outcome = saved.handle((headers, failure) -> {
                if (failure == null) {
                    return send.send(new HttpResponseStart(start.status(), headers, start.trailers()))
                            .thenApply(v -> false);
                }
                return storeFailed(failure) ? unavailable(http, send).thenApply(v -> true)
                        : CompletableFuture.<Boolean>failedFuture(failure);
            }).thenCompose(Function.identity());
            started.set(outcome);
            return outcome.thenApply(r -> null);
        };
    }

    private boolean alive(SessionStore.Record record, Instant now) {
        return now.isBefore(record.issuedAt().plus(config.absoluteTimeout()))
                && now.isBefore(record.lastSeen().plus(config.idleTimeout()));
    }

    private CompletionStage<Headers> save(HttpScope scope, SessionData session, Optional<String> token,
            Headers headers) {
        Instant now = config.clock().instant();
        SessionData.Commit c = session.commit(now);
        if (c.destroyed()) {
            return token.isEmpty() ? CompletableFuture.completedFuture(headers)
                    : store(() -> config.store().deleteAsync(token.get()))
                            .thenApply(v -> config.state().clear(headers, scope));
        }
        // A regenerated session's old id is gone before the new one is handed out.
        CompletionStage<Void> before = c.regenerated() && token.isPresent()
                ? store(() -> config.store().deleteAsync(token.get()))
                : CompletableFuture.completedFuture(null);
        boolean stale = !c.isNew()
                && Duration.between(c.lastSeen(), now).compareTo(config.idleTimeout().dividedBy(4)) >= 0;
        boolean worthKeeping = !c.isNew() || !c.data().isEmpty();
        if (!worthKeeping || !(c.changed() || c.regenerated() || stale)) {
            return before.thenApply(v -> headers);
        }
        SessionStore.Record record = new SessionStore.Record(c.id(), c.data(), c.issuedAt(), now);
        return before.thenCompose(v -> store(() -> config.store().saveAsync(record))).thenApply(saved -> {
            if (token.isPresent() && token.get().equals(saved)) {
                return headers;
            }
            Duration left = Duration.between(now, c.issuedAt().plus(config.absoluteTimeout()));
            return config.state().write(headers, scope, saved, left.isNegative() ? Duration.ZERO : left);
        });
    }

    /** Answers a request the store could not serve: the user is not logged out, only asked to come back. */
    private static CompletionStage<Void> unavailable(RequestScope scope, Send send) {
        Headers headers = Headers.of("content-type", "text/plain; charset=utf-8", "retry-after", "1",
                "cache-control", "no-store");
        return Refusal.send(scope, scope instanceof HttpScope h && "HEAD".equals(h.method()) ? new HeadSend(send)
                : send, 503, headers, UNAVAILABLE_BODY);
    }

    /** Runs one store call, marking its failure (thrown or in the stage) as the store's. */
    private static <T> CompletionStage<T> store(Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new StoreFailed(e));
        }
        return stage.handle((value, failure) -> {
            if (failure != null) {
                throw new StoreFailed(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            return value;
        });
    }

    private static boolean storeFailed(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof StoreFailed;
    }

    /** A store call that failed: answered 503, unlike the application's own failures. */
    private static final class StoreFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailed(Throwable cause) {
            super("session store failed: " + cause.getMessage(), cause);
        }
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
