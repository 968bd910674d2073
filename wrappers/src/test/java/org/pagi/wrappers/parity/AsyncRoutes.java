package org.pagi.wrappers.parity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.request.MultipartForm;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.response.ResponseWriter;
import org.pagi.wrappers.routing.RouterBuilder;

/** The parity app's http routes in the async mode: every handler composes the stages the wrappers return. */
final class AsyncRoutes {

    private AsyncRoutes() {
    }

    static void register(RouterBuilder r, Path files) {
        r.get("/hello/{name}", handle(req -> CompletableFuture.completedFuture(Response.text(hello(req)))))
                .get("/items/{id:int}", handle(req -> CompletableFuture.completedFuture(
                        Response.json(Map.of("id", Long.parseLong(req.pathParam("id")), "mode", "async")))))
                .post("/json", handle(req -> req.jsonTree().thenApply(tree -> Response.json(Map.of("echo", tree)))))
                .post("/form", handle(req -> req.form().thenApply(form -> Response.json(form.asMap()))))
                .post("/upload", handle(req -> req.multipart().thenApply(AsyncRoutes::describe)))
                .get("/query", handle(req -> CompletableFuture.completedFuture(Response.json(
                        Map.of("count", req.query().pairs().size(), "a", req.query().getAll("a"))))))
                .get("/file", handle(req -> CompletableFuture.completedFuture(
                        FileResponse.of(files.resolve("data.txt")))))
                .get("/redirect", handle(req -> CompletableFuture.completedFuture(
                        Response.redirect("/async/hello/redirected"))))
                .post("/tasks/{name}", handle(req -> {
                    String name = req.pathParam("name");
                    ParityApp.AppState state = ParityApp.STATE.get(req.state());
                    BackgroundTasks.of(req.scope()).addAsync(name, () -> CompletableFuture.runAsync(
                            () -> state.tasks().add(name + " saw " + state.greeting())));
                    return CompletableFuture.completedFuture(Response.text("scheduled " + name).withStatus(202));
                }))
                .get("/stream", (scope, receive, send) ->
                        ResponseWriter.start(scope, send, 200, Headers.of("content-type", "text/plain"), true)
                                .thenCompose(w -> w.write("one\n")
                                        .thenCompose(v -> w.write("two\n"))
                                        .thenCompose(v -> w.trailers(Headers.of("x-count", "2")))));
    }

    /** "hello NAME (GREETING) lang=.. sid=..": path parameter, lifespan state, query and cookie in one line. */
    static String hello(Request req) {
        return "hello " + req.pathParam("name") + " (" + ParityApp.STATE.get(req.state()).greeting() + ") lang="
                + req.queryParam("lang").orElse("-") + " sid=" + req.cookies().get("sid").orElse("-");
    }

    /** The form as JSON: its fields, and for each file its name, type, size and whether it was spilled. */
    static Response describe(MultipartForm form) {
        List<Map<String, Object>> files = form.files().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", f.fieldName());
            m.put("filename", f.filename());
            m.put("type", f.contentType());
            m.put("size", f.size());
            m.put("spilled", !f.isInMemory());
            m.put("firstByte", f.size() == 0 ? -1 : f.bytes().byteAt(0));
            return m;
        }).toList();
        return Response.json(Map.of("fields", form.fields(), "files", files));
    }

    /** Runs {@code handler} and answers with its response, or with {@link ParityApp#failure} for its failure. */
    private static Application handle(Function<Request, CompletionStage<? extends Application>> handler) {
        return (scope, receive, send) -> {
            CompletionStage<? extends Application> answer;
            try {
                answer = handler.apply(Request.of(scope, receive));
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.<Application>thenApply(a -> a)
                    .exceptionally(ParityApp::failure)
                    .thenCompose(a -> a.call(scope, receive, send));
        };
    }
}
