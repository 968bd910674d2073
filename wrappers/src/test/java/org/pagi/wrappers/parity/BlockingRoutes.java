package org.pagi.wrappers.parity;

import java.nio.file.Path;
import java.util.Map;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.BlockingApplication;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.BlockingResponseWriter;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * The parity app's http routes in the blocking mode: the same paths and answers as {@link AsyncRoutes}, each
 * handler a plain method on its own virtual thread ({@link Blocking#app}) using the {@code blocking()} views.
 */
final class BlockingRoutes {

    private BlockingRoutes() {
    }

    /** A blocking handler that returns the response to send; what it throws is answered by ParityApp.failure. */
    @FunctionalInterface
    private interface Handler {
        Response handle(Request req) throws Exception;
    }

    static void register(RouterBuilder r, Path files) {
        r.get("/hello/{name}", handle(req -> Response.text(AsyncRoutes.hello(req))))
                .get("/items/{id:int}", handle(req ->
                        Response.json(Map.of("id", Long.parseLong(req.pathParam("id")), "mode", "blocking"))))
                .post("/json", handle(req -> Response.json(Map.of("echo", req.blocking().jsonTree()))))
                .post("/form", handle(req -> Response.json(req.blocking().form().asMap())))
                .post("/upload", handle(req -> AsyncRoutes.describe(req.blocking().multipart())))
                .get("/query", handle(req -> Response.json(
                        Map.of("count", req.query().pairs().size(), "a", req.query().getAll("a")))))
                .get("/redirect", handle(req -> Response.redirect("/blocking/hello/redirected")))
                .post("/tasks/{name}", handle(req -> {
                    String name = req.pathParam("name");
                    ParityApp.AppState state = ParityApp.STATE.get(req.state());
                    BackgroundTasks.after(req.scope(), name,
                            () -> state.tasks().add(name + " saw " + state.greeting()));
                    return Response.text("scheduled " + name).withStatus(202);
                }))
                .get("/file", Blocking.app((scope, receive, send) ->
                        FileResponse.of(files.resolve("data.txt")).blocking().respond(scope, send)))
                .get("/stream", Blocking.app((scope, receive, send) -> {
                    BlockingResponseWriter w = BlockingResponseWriter.start(scope, send, 200,
                            Headers.of("content-type", "text/plain"), true);
                    w.write("one\n");
                    w.write("two\n");
                    w.trailers(Headers.of("x-count", "2"));
                }));
    }

    private static org.pagi.spec.Application handle(Handler handler) {
        BlockingApplication app = (scope, receive, send) -> respond(handler, scope, receive, send);
        return Blocking.app(app);
    }

    private static void respond(Handler handler, org.pagi.spec.Scope scope, Receive receive, Send send) {
        Response answer;
        try {
            answer = handler.handle(Request.of(scope, receive));
        } catch (Exception e) {
            answer = ParityApp.failure(e);
        }
        answer.blocking().respond(scope, send);
    }
}
