package org.pagi.middleware;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.EventOrder;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.wrappers.routing.Middleware;

/**
 * Checks that the application speaks the spec, for development: every event it sends goes through the scope
 * type's legal-order machine ({@link EventOrder#forScope}, which honours the extensions the scope advertises,
 * so a {@code http.fullflush} or a WebSocket denial without its extension is refused too). An illegal send fails
 * that send with {@link IllegalEventOrderException} (or {@link IllegalArgumentException} for an event of another
 * scope type) without passing it on, and is logged at ERROR naming the scope, the path, the event and the rule.
 * Events the server hands over are checked the same way (a violation there is logged as the server's).
 * When the application's stage completes with the response not started or not finished, that is logged at
 * WARNING (the server then answers 500 or aborts). Acts on every scope type and changes nothing that is legal:
 * events pass one by one, as they are. The server checks the same rules itself; this middleware puts the
 * failure at the application's send, where its stack trace points at the bug. Upstream's {@code strict(false)}
 * (warn but deliver) is left out: delivering an illegal event only moves the failure to the server.
 */
public final class Lint implements Middleware {

    /** @param logger where violations go (default the {@code org.pagi.middleware.Lint} logger) */
    public record Config(System.Logger logger) {
        /** Refuses null. */
        public Config {
            Objects.requireNonNull(logger, "logger");
        }
    }

    private final Config config;

    private Lint(Config config) {
        this.config = config;
    }

    /** @return a builder with the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            EventOrder order = EventOrder.forScope(scope);
            Receive checkedReceive = () -> receive.receive().thenApply(event -> {
                try {
                    order.received(event);
                } catch (RuntimeException e) {
                    log(Level.ERROR, scope, "server delivered " + event.type() + " out of order", e);
                }
                return event;
            });
            Send checkedSend = event -> check(order, scope, event, send);
            CompletionStage<Void> run;
            try {
                run = next.call(scope, checkedReceive, checkedSend);
            } catch (RuntimeException e) {
                run = CompletableFuture.failedFuture(e);
            }
            return run.whenComplete((v, failure) -> {
                Ending ending = order.finish();
                if (failure == null && (ending == Ending.UNFINISHED || ending == Ending.NOT_STARTED
                        && !scope.type().equals("lifespan"))) {
                    log(Level.WARNING, scope, "application returned with the " + scope.type() + " scope "
                            + ending + " in state " + order.state() + "; allowed next: " + order.allowedSends(), null);
                }
            });
        };
    }

    private CompletionStage<Void> check(EventOrder order, Scope scope, Event event, Send send) {
        try {
            order.send(event);
        } catch (IllegalEventOrderException | IllegalArgumentException e) {
            log(Level.ERROR, scope, "illegal send of " + event.type() + ": " + e.getMessage(), e);
            return CompletableFuture.failedFuture(e);
        }
        return send.send(event);
    }

    private void log(Level level, Scope scope, String what, Throwable thrown) {
        String where = scope instanceof RequestScope r ? " " + r.path() : "";
        config.logger().log(level, "lint " + scope.type() + where + ": " + what, thrown);
    }

    /** Collects the options. Not thread-safe; build once. */
    public static final class Builder {
        private System.Logger logger = System.getLogger(Lint.class.getName());

        private Builder() {
        }

        /**
         * @param logger where violations are logged (default the {@code org.pagi.middleware.Lint} logger)
         * @return this builder
         */
        public Builder logger(System.Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** @return the middleware */
        public Lint build() {
            return new Lint(new Config(logger));
        }
    }
}
