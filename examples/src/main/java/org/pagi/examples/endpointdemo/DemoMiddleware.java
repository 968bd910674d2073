package org.pagi.examples.endpointdemo;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;

/** Upstream's two code-ref middlewares, as {@link Middleware} lambdas. */
final class DemoMiddleware {
    /** What a POST without a JSON body gets, with status 415. */
    static final String NOT_JSON = "Content-Type must be application/json";

    private static final System.Logger LOG = System.getLogger(DemoMiddleware.class.getName());

    private DemoMiddleware() {
    }

    /** Answers a POST whose {@code content-type} is not JSON with 415 and does not call the endpoint. */
    static Middleware requireJson() {
        return next -> (scope, receive, send) -> {
            if (scope instanceof HttpScope http && http.request().method().equals("POST")
                    && !http.request().headers().first("content-type").orElse("")
                            .toLowerCase(Locale.ROOT).contains("application/json")) {
                return Response.json(Map.of("error", NOT_JSON)).withStatus(415).respond(scope, send);
            }
            return next.call(scope, receive, send);
        };
    }

    /** Logs how long each call took, from its start to its end (for a WebSocket or a stream, the session). */
    static Middleware timing() {
        return next -> (scope, receive, send) -> {
            long start = System.nanoTime();
            CompletionStage<Void> done = next.call(scope, receive, send);
            return done.whenComplete((v, failure) -> {
                RequestScope request = (RequestScope) scope;
                LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "[timing] %s %s %.2fms",
                        scope instanceof HttpScope ? request.request().method() : "WS/SSE",
                        request.request().path(), (System.nanoTime() - start) / 1e6));
            });
        };
    }
}
