package org.pagi.wrappers.response;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.wrappers.Blocking;

/** The two handler modes every response test runs in: async stages, and Blocking.app with blocking() views. */
enum Mode {
    ASYNC, BLOCKING;

    /** An application answering with {@code response} through {@link Response#respond} or its blocking view. */
    Application serve(Response response) {
        return this == ASYNC
                ? (scope, receive, send) -> response.respond(scope, send)
                : Blocking.app((scope, receive, send) -> response.blocking().respond(scope, send));
    }

    /**
     * An application that starts a writer and runs {@code steps} in order, each one in this mode. What a step
     * expected to fail threw is added to {@code failures}.
     */
    Application write(int status, Headers headers, boolean trailers, List<String> failures, Step... steps) {
        if (this == ASYNC) {
            return (scope, receive, send) -> ResponseWriter.start(scope, send, status, headers, trailers)
                    .thenCompose(w -> {
                        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
                        for (Step step : steps) {
                            chain = chain.thenCompose(v -> step.runAsync(w, failures));
                        }
                        return chain;
                    });
        }
        return Blocking.app((scope, receive, send) -> {
            BlockingResponseWriter w = BlockingResponseWriter.start(scope, send, status, headers, trailers);
            for (Step step : steps) {
                step.runBlocking(w, failures);
            }
        });
    }

    /** One writer call in both forms; {@code expectFailure} records an IllegalStateException instead of failing. */
    record Step(Function<ResponseWriter, CompletionStage<Void>> async, Consumer<BlockingResponseWriter> blocking,
            boolean expectFailure) {

        static Step of(Function<ResponseWriter, CompletionStage<Void>> async,
                Consumer<BlockingResponseWriter> blocking) {
            return new Step(async, blocking, false);
        }

        Step failing() {
            return new Step(async, blocking, true);
        }

        CompletionStage<Void> runAsync(ResponseWriter w, List<String> failures) {
            if (!expectFailure) {
                return async.apply(w);
            }
            try {
                return async.apply(w).handle((v, e) -> {
                    failures.add(e == null ? "no failure" : e.getMessage());
                    return null;
                });
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
                return CompletableFuture.completedFuture(null);
            }
        }

        void runBlocking(BlockingResponseWriter w, List<String> failures) {
            if (!expectFailure) {
                blocking.accept(w);
                return;
            }
            try {
                blocking.accept(w);
                failures.add("no failure");
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
        }
    }

    static Step write(String text) {
        return Step.of(w -> w.write(text), w -> w.write(text));
    }

    static Step flush() {
        return Step.of(ResponseWriter::flush, BlockingResponseWriter::flush);
    }

    static Step trailers(Headers fields) {
        return Step.of(w -> w.trailers(fields), w -> w.trailers(fields));
    }

    static Step close() {
        return Step.of(ResponseWriter::close, BlockingResponseWriter::close);
    }

    static List<String> failures() {
        return new CopyOnWriteArrayList<>();
    }

    /** {@code app} with every event it sends recorded by kind ("http.response.body last" for the last body). */
    static Application recorded(Application app, List<String> kinds) {
        return (scope, receive, send) -> app.call(scope, receive, event -> {
            kinds.add(event instanceof HttpResponseBody b && !b.more()
                    ? "http.response.body last" : event.kind().wireName());
            return send.send(event);
        });
    }
}
