package org.pagi.wrappers.background;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.spec.Scope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.Headers;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/** The two handler modes every background test runs in: an async handler, and a Blocking.app handler. */
enum TaskMode {
    ASYNC, BLOCKING;

    /** A handler that schedules its tasks with {@code schedule}, then answers "done". */
    Application answering(Consumer<Scope> schedule) {
        if (this == ASYNC) {
            return (scope, receive, send) -> {
                refuseLifespan(scope);
                schedule.accept(scope);
                return Response.text("done").respond(scope, send);
            };
        }
        return Blocking.app((scope, receive, send) -> {
            refuseLifespan(scope);
            schedule.accept(scope);
            Response.text("done").blocking().respond(scope, send);
        });
    }

    /** A handler that starts a response, schedules, then waits for the client to go away and returns. */
    Application abandoned(Consumer<Scope> schedule) {
        HttpResponseStart start = new HttpResponseStart(200, Headers.of("content-type", "text/plain"));
        if (this == ASYNC) {
            return (scope, receive, send) -> send.send(start)
                    .thenRun(() -> schedule.accept(scope))
                    .thenCompose(v -> untilDisconnect(receive));
        }
        return Blocking.app((scope, receive, send) -> {
            Blocking.await(send.send(start));
            schedule.accept(scope);
            Blocking.await(untilDisconnect(receive));
        });
    }

    private static java.util.concurrent.CompletionStage<Void> untilDisconnect(org.pagi.spec.Receive receive) {
        return receive.receive().thenCompose(e -> e instanceof HttpDisconnect
                ? CompletableFuture.completedFuture(null) : untilDisconnect(receive));
    }

    private static void refuseLifespan(Scope scope) {
        if (!"http".equals(scope.type())) {
            throw new UnsupportedScopeException(scope);
        }
    }
}
