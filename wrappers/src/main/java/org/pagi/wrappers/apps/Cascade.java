package org.pagi.wrappers.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;

/**
 * Tries applications in order until one answers with a status outside the catch set (default {@code 404} and
 * {@code 405}, as upstream): a static-file app first, the dynamic one after it, say.
 *
 * <p>Nothing is buffered. Every application but the last gets a {@code send} that looks at the response start
 * alone: a caught status is held back and every later event of that response (body, file, trailers) is dropped,
 * so the passed-over answer never reaches the client, and the next application is called once the passed-over
 * one has finished. Any other start, and everything after it, goes straight to the client; the last application
 * gets the real {@code send}. An application that fails before its response started ends the cascade with that
 * failure; one that fails after being passed over does not.
 *
 * <p>Each try gets the same scope and {@code receive}, so the request body is replayed through the wrappers'
 * shared body: an application that reads it whole with {@code Request} ({@code body()}, {@code text()},
 * {@code json()}, {@code form()}, {@code multipart()}) leaves the cached bytes for the next one. An application
 * that drains {@code receive} itself, or streams the body with {@code chunks()}, leaves nothing to replay; put
 * such an application last.
 *
 * <p>For {@code websocket} the status is that of a denial response ({@code websocket.http.response}), for
 * {@code sse} that of a declined stream: the router's misses cascade; an accepted connection does not. A WebSocket
 * refused by a close before accept (a server without the denial extension) ends the cascade. The lifespan scope is
 * declined.
 */
public final class Cascade implements Application {

    private final List<Application> apps;
    private final Set<Integer> catchStatuses;

    private Cascade(List<Application> apps, Set<Integer> catchStatuses) {
        this.apps = apps;
        this.catchStatuses = catchStatuses;
    }

    /** @return a builder catching 404 and 405 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param apps the applications, tried in this order
     * @return a cascade of {@code apps} catching 404 and 405
     */
    public static Cascade of(Application... apps) {
        Builder b = builder();
        for (Application app : apps) {
            b.add(app);
        }
        return b.build();
    }

    /** @return the statuses that pass a response over to the next application */
    public Set<Integer> catchStatuses() {
        return catchStatuses;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (scope instanceof LifespanScope) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return attempt(0, scope, receive, send);
    }

    private CompletionStage<Void> attempt(int index, Scope scope, Receive receive, Send send) {
        Application app = apps.get(index);
        if (index == apps.size() - 1) {
            return call(app, scope, receive, send);
        }
        PassOverSend gate = new PassOverSend(send, catchStatuses);
        return call(app, scope, receive, gate).handle((v, failure) -> {
            if (gate.passedOver()) {
                return attempt(index + 1, scope, receive, send);
            }
            return failure == null ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(failure);
        }).thenCompose(next -> next);
    }

    private static CompletionStage<Void> call(Application app, Scope scope, Receive receive, Send send) {
        try {
            return app.call(scope, receive, send);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Collects the applications; not thread-safe, build once and share the cascade. */
    public static final class Builder {
        private final List<Application> apps = new ArrayList<>();
        private Set<Integer> catchStatuses = Set.of(404, 405);

        private Builder() {
        }

        /**
         * @param app the next application to try
         * @return this builder
         */
        public Builder add(Application app) {
            apps.add(Objects.requireNonNull(app, "app"));
            return this;
        }

        /**
         * @param statuses the statuses that pass a response over (default 404 and 405)
         * @return this builder
         * @throws IllegalArgumentException naming {@code catchStatuses} when the set is empty or holds a status
         *                                  outside 200-599 (an informational response cannot be passed over)
         */
        public Builder catchStatuses(Set<Integer> statuses) {
            Objects.requireNonNull(statuses, "catchStatuses");
            if (statuses.isEmpty()) {
                throw new IllegalArgumentException("catchStatuses: name at least one status to pass over");
            }
            for (Integer s : statuses) {
                if (s == null || s < 200 || s > 599) {
                    throw new IllegalArgumentException("catchStatuses: a status is 200-599, got " + s);
                }
            }
            this.catchStatuses = Set.copyOf(statuses);
            return this;
        }

        /** @return the cascade @throws IllegalStateException naming {@code apps} when none was added */
        public Cascade build() {
            if (apps.isEmpty()) {
                throw new IllegalStateException("apps: a cascade needs at least one application");
            }
            return new Cascade(List.copyOf(apps), catchStatuses);
        }
    }
}
