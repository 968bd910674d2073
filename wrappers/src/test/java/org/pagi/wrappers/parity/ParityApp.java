package org.pagi.wrappers.parity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.MalformedQueryException;
import org.pagi.wrappers.http.TooManyParametersException;
import org.pagi.wrappers.json.Json;
import org.pagi.wrappers.json.JsonDecodingException;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.lifespan.StateKey;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.RequestException;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.ReplayBuffer;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.MessageTooLargeException;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * One application written only against the wrappers: a functional router with the same http routes in both
 * handler modes ({@code /async/...} by {@link AsyncRoutes}, {@code /blocking/...} by {@link BlockingRoutes}), a
 * WebSocket and an SSE route per mode, and a {@link Lifespan} whose startup state every handler and background
 * task reads. {@link ParityTest} and {@link LimitsParityTest} run it under the test client and the real server.
 */
final class ParityApp {

    /** What startup puts in the lifespan state. */
    record AppState(String greeting, ReplayBuffer news, TaskLog tasks) {
    }

    static final StateKey<AppState> STATE = StateKey.of("parity.app", AppState.class);

    /**
     * Uploads spill above 64 KiB into the test's temp directory; one file may hold 512 KiB (the default 10 MiB is
     * above the real server's own 10 MB body limit, which would answer first). Every other limit is the default.
     */
    static BodyLimits limits(Path tempDir) {
        return BodyLimits.DEFAULTS.withTempDir(tempDir).withMaxFileBytes(512 * 1024);
    }

    private ParityApp() {
    }

    /**
     * @param tempDir   where uploads are spilled
     * @param files     the directory {@code /mode/file} serves {@code data.txt} from
     * @param lifecycle receives "started" and "stopped: ..." from the lifespan hooks
     */
    static Application create(Path tempDir, Path files, List<String> lifecycle) {
        BodyLimits limits = limits(tempDir);
        Router router = Router.builder()
                .group("/async", List.of(limits.middleware()), r -> AsyncRoutes.register(r, files))
                .group("/blocking", List.of(limits.middleware()), r -> BlockingRoutes.register(r, files))
                .get("/tasks/wait/{count:int}", Blocking.app((scope, receive, send) -> {
                    int count = Integer.parseInt(Router.pathParam((RequestScope) scope, "count"));
                    List<String> seen = STATE.get(scope).tasks().awaitSize(count, Duration.ofSeconds(10));
                    Response.json(seen).blocking().respond(scope, send);
                }))
                .websocket("/ws/async", ParityApp::asyncEcho)
                .websocket("/ws/blocking", Blocking.app(ParityApp::blockingEcho))
                .sse("/sse/async", ParityApp::asyncNews)
                .sse("/sse/blocking", Blocking.app(ParityApp::blockingNews))
                .mount("/class", new ParityEndpoints())
                .get("/ctx/{name}", ParityContexts::async)
                .sse("/ctx/{name}", ParityContexts::async)
                .websocket("/ctx/{name}", Blocking.app(ParityContexts::blockingSocket))
                .build();
        return Lifespan.wrap(router)
                .onStartupBlocking("state", life -> {
                    STATE.put(life.state(), new AppState("hello from startup", new ReplayBuffer(10), new TaskLog()));
                    lifecycle.add("started");
                })
                .onStartup("news", life -> {
                    ReplayBuffer news = STATE.get(life.state()).news();
                    for (int id = 1; id <= 4; id++) {
                        news.record(ServerEvent.named("news", "item " + id + "\nsecond line").withId("n" + id));
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .onShutdownBlocking("state",
                        life -> lifecycle.add("stopped: " + STATE.get(life.state()).tasks().sorted()));
    }

    /** The answer for what a handler failed with: the request limits' own status, 400 for a bad query, else 500. */
    static Response failure(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return switch (cause) {
            case RequestException r -> r.toResponse();
            case TooManyParametersException t -> Response.text(t.getMessage()).withStatus(400);
            case MalformedQueryException m -> Response.text(m.getMessage()).withStatus(400);
            default -> Response.text("failed: " + cause).withStatus(500);
        };
    }

    // --- WebSocket: greets with the startup state, echoes text, answers JSON, closes on "close <code>" ---

    private static CompletionStage<Void> asyncEcho(Scope scope, Receive receive, Send send) {
        WebSocket ws = WebSocket.of(scope, receive, send);
        if (ws.queryParam("deny").isPresent()) {
            return ws.deny(Response.text("not today").withStatus(403));
        }
        return ws.accept()
                .thenCompose(v -> ws.sendText(STATE.get(ws.state()).greeting()))
                .thenCompose(v -> ws.forEach(m -> switch (m) {
                    case Message.Text t when t.text().startsWith("close ") ->
                            ws.close(Integer.parseInt(t.text().substring(6)), "bye");
                    case Message.Text t when t.text().startsWith("{") -> ws.sendJson(jsonReply(t.text()));
                    case Message.Text t -> ws.sendText("echo: " + t.text());
                    case Message.Binary b -> ws.sendBytes(b.bytes());
                }))
                .exceptionally(e -> null);   // a 1009 ends the loop; the close already went out
    }

    private static void blockingEcho(Scope scope, Receive receive, Send send) {
        BlockingWebSocket ws = WebSocket.of(scope, receive, send).blocking();
        if (ws.webSocket().queryParam("deny").isPresent()) {
            ws.deny(Response.text("not today").withStatus(403));
            return;
        }
        ws.accept();
        ws.sendText(STATE.get(ws.webSocket().state()).greeting());
        try {
            for (Message m : ws) {
                switch (m) {
                    case Message.Text t when t.text().startsWith("close ") ->
                            ws.close(Integer.parseInt(t.text().substring(6)), "bye");
                    case Message.Text t when t.text().startsWith("{") -> ws.sendJson(jsonReply(t.text()));
                    case Message.Text t -> ws.sendText("echo: " + t.text());
                    case Message.Binary b -> ws.sendBytes(b.bytes());
                }
            }
        } catch (MessageTooLargeException e) {
            // the socket is already closed with 1009
        }
    }

    private static Object jsonReply(String text) {
        try {
            return Map.of("got", Json.decode(Bytes.utf8(text), Object.class));
        } catch (JsonDecodingException e) {
            return Map.of("error", "line " + e.line() + " column " + e.column());
        }
    }

    // --- SSE: replays the startup news after Last-Event-ID, then one "done" event, then closes ---

    private static CompletionStage<Void> asyncNews(Scope scope, Receive receive, Send send) {
        Sse sse = Sse.of(scope, receive, send);
        AppState state = STATE.get(sse.state());
        ServerEvent done;
        try {
            done = doneEvent(sse.queryParam("bad"), state);
        } catch (IllegalArgumentException e) {
            return sse.decline(Response.text(e.getMessage()).withStatus(400));
        }
        return sse.start()
                .thenCompose(v -> state.news().attach(sse))
                .thenCompose(v -> sse.send(done))
                .thenCompose(v -> sse.close());
    }

    private static void blockingNews(Scope scope, Receive receive, Send send) {
        BlockingSse sse = Sse.of(scope, receive, send).blocking();
        AppState state = STATE.get(sse.sse().state());
        ServerEvent done;
        try {
            done = doneEvent(sse.sse().queryParam("bad"), state);
        } catch (IllegalArgumentException e) {
            sse.decline(Response.text(e.getMessage()).withStatus(400));
            return;
        }
        sse.start();
        state.news().attach(sse);
        sse.send(done);
        sse.close();
    }

    /** The last event; {@code ?bad=event} or {@code ?bad=id} puts a line break where the wrapper refuses one. */
    private static ServerEvent doneEvent(Optional<String> bad, AppState state) {
        String event = bad.filter("event"::equals).isPresent() ? "done\nevil: 1" : "done";
        String id = bad.filter("id"::equals).isPresent() ? "x\ny" : "end";
        return ServerEvent.named(event, state.greeting()).withId(id);
    }

    /** What background tasks did; a handler can wait until enough of them ran. */
    static final class TaskLog {
        private final List<String> entries = new ArrayList<>();

        synchronized void add(String entry) {
            entries.add(entry);
            notifyAll();
        }

        /**
         * @return a sorted copy once it holds {@code count} entries (sorted: tasks of different requests run
         *         concurrently, in no set order); fails after {@code wait}
         */
        synchronized List<String> awaitSize(int count, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (entries.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("only " + entries + " after " + wait + ", wanted " + count);
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return sorted();
        }

        synchronized List<String> sorted() {
            return entries.stream().sorted().toList();
        }
    }
}
