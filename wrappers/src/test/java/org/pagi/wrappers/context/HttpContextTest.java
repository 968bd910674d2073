package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.event.ExtensionEvent;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.background.BackgroundReport;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.response.ResponseWriter;

/** The request, responses, background tasks, connection state and dispatch of an HttpContext, in both modes. */
@Timeout(20)
class HttpContextTest {

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void theRequestIsReadAndTheResponseSentThroughTheContext(ContextMode mode) {
        TestClient client = TestClient.of(mode.http(
                c -> c.request().text().thenCompose(body -> c.respond(
                        Response.text(c.method() + " " + body + " " + c.isConnected() + " " + c.disconnectReason()))),
                v -> {
                    String body = v.request().text();
                    HttpContext c = v.context();
                    v.respond(Response.text(c.method() + " " + body + " " + c.isConnected() + " "
                            + c.disconnectReason()));
                }));
        assertEquals("POST hello true Optional.empty", client.post("/echo").text("hello").send().text());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void aFileIsSentWhole(ContextMode mode, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "file body");
        TestClient client = TestClient.of(mode.http(c -> c.respond(FileResponse.of(file)),
                v -> v.respond(FileResponse.of(file))));
        TestResponse r = client.get("/notes").send();
        assertEquals(200, r.status());
        assertEquals("file body", r.text());
        assertEquals(Optional.of("9"), r.header("content-length"));
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void theWriterStreamsChunksAndTrailers(ContextMode mode) {
        TestClient client = TestClient.of(mode.http(
                c -> c.writer(200, Headers.of("content-type", "text/plain"), true)
                        .thenCompose(w -> w.write("a").thenCompose(v -> w.write("b"))
                                .thenCompose(v -> w.trailers(Headers.of("x-sum", "2")))),
                v -> {
                    var w = v.writer(200, Headers.of("content-type", "text/plain"), true);
                    w.write("a");
                    w.write("b");
                    w.trailers(Headers.of("x-sum", "2"));
                }));
        TestResponse r = client.get("/stream").send();
        assertEquals("ab", r.text());
        assertEquals(2, r.chunks().size());
        assertEquals(Optional.of("2"), r.trailers().first("x-sum"));
        TestClient plain = TestClient.of(mode.http(
                c -> c.writer(201, Headers.empty()).thenCompose(w -> w.write("x").thenCompose(v -> w.close())),
                v -> {
                    var w = v.writer(201, Headers.empty());
                    w.write("x");
                    w.close();
                }));
        TestResponse p = plain.get("/").send();
        assertEquals(201, p.status());
        assertEquals("x", p.text());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void tasksRunOnceTheResponseWasSentAndOnCompleteFires(ContextMode mode) throws Exception {
        ContextMode.Seen seen = new ContextMode.Seen();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        ContextMode.Async<HttpContext> async = c -> {
            c.afterResponse("mail", () -> log.add("mail"))
                    .afterResponseAsync("audit", () -> CompletableFuture.runAsync(() -> log.add("audit")))
                    .onComplete(() -> log.add("complete"));
            seen.add(c.backgroundTasks());
            log.add("responding");
            return c.respond(Response.text("done"));
        };
        TestClient client = TestClient.of(mode.http(async, v -> async.run(v.context()).toCompletableFuture().join()));
        assertEquals("done", client.get("/").send().text());
        BackgroundTasks tasks = seen.next(BackgroundTasks.class);
        BackgroundReport report = tasks.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), report.failed());
        assertEquals(2, report.succeeded().size());
        assertEquals(2, tasks.size());
        assertEquals("responding", log.get(0), "no task ran before the response");
        assertTrue(log.containsAll(List.of("mail", "audit", "complete")), log.toString());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void aClientThatLeavesBeforeTheResponseIsReported(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.http(
                c -> {
                    c.onDisconnect(reason -> seen.add(reason + " " + c.isConnected() + " " + c.disconnectReason()));
                    seen.add("waiting");
                    return c.connection().disconnectFuture();
                },
                v -> {
                    HttpContext c = v.context();
                    c.onDisconnect(reason -> seen.add(reason + " " + c.isConnected() + " " + c.disconnectReason()));
                    seen.add("waiting");
                    c.connection().disconnectFuture().toCompletableFuture().join();
                }));
        StreamingResponse r = client.get("/slow").openBody().stream();
        assertEquals("waiting", seen.next());
        r.disconnect();
        assertEquals("client_closed false Optional[client_closed]", seen.next());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void runDispatchesAnInjectedEventAndEndsAtHttpDisconnect(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Injector injector = new Injector().inject("job.done", Map.of("id", 7));
        Application app = injector.around(mode.http(
                c -> c.on("job.done", e -> c.respond(Response.json(((ExtensionEvent) e).fields())))
                        .on("http.request", e -> {
                            seen.add("body event");
                            return CompletableFuture.completedFuture(null);
                        })
                        .run().thenAccept(seen::add),
                v -> seen.add(v.on("job.done", e -> v.respond(Response.json(((ExtensionEvent) e).fields())))
                        .on("http.request", e -> seen.add("body event"))
                        .run())));
        TestResponse r = TestClient.of(app).get("/job").send();
        assertEquals(Map.of("id", 7), r.json(Map.class));
        assertEquals("body event", seen.next(), "the empty body's http.request, read after the injected event");
        assertEquals(RunEnd.DISCONNECT, seen.next());
    }
}
