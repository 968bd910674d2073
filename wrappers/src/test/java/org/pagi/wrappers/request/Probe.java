package org.pagi.wrappers.request;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/**
 * Runs one Request call in a handler mode and answers with its result as text, or with a RequestException's
 * status and message; anything else the call threw is added to {@code failures} (and answered 500).
 */
record Probe(Function<Request, CompletionStage<String>> async, Function<Request, String> blocking) {

    enum Mode { ASYNC, BLOCKING }

    Application app(Mode mode, List<Throwable> failures) {
        if (mode == Mode.ASYNC) {
            return (scope, receive, send) -> {
                Request request = Request.of((HttpScope) scope, receive);
                CompletionStage<String> result;
                try {
                    result = async.apply(request);
                } catch (RuntimeException e) {
                    result = CompletableFuture.failedFuture(e);
                }
                return result.handle((text, e) -> answer(text, e == null ? null : BodyReader.unwrap(e), failures))
                        .thenCompose(r -> r.respond(scope, send));
            };
        }
        return Blocking.app((scope, receive, send) -> {
            Request request = Request.of((HttpScope) scope, receive);
            Response r;
            try {
                r = answer(blocking.apply(request), null, failures);
            } catch (RuntimeException e) {
                r = answer(null, e, failures);
            }
            r.blocking().respond(scope, send);
        });
    }

    private static Response answer(String text, Throwable failure, List<Throwable> failures) {
        if (failure == null) {
            return Response.text(text);
        }
        if (failure instanceof RequestException e) {
            return e.toResponse();
        }
        failures.add(failure);
        return Response.text(String.valueOf(failure.getMessage())).withStatus(500);
    }
}
