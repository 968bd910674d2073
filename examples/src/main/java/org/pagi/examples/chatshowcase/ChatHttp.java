package org.pagi.examples.chatshowcase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.response.FileResponse;
import org.pagi.wrappers.response.FileSource;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.routing.RouterBuilder;

/**
 * The chat's HTTP side (upstream's {@code ChatApp::HTTP}): the page and its two assets, classpath resources beside
 * this class, and the JSON API ({@code /api/rooms}, {@code /api/room/:name/history}, {@code /api/room/:name/users},
 * {@code /api/stats}); 404 {@code {"error":"Not found"}} for anything else.
 */
final class ChatHttp {
    private final ChatState state;
    private final ChatRelay relay;

    ChatHttp(ChatState state, ChatRelay relay) {
        this.state = state;
        this.relay = relay;
    }

    /** Adds the page, its assets, the API and the JSON 404 to {@code routes}. */
    RouterBuilder routes(RouterBuilder routes) {
        Application page = file("index.html");
        return routes.get("/", page)
                .get("/index.html", page)
                .get("/css/style.css", file("css/style.css"))
                .get("/js/app.js", file("js/app.js"))
                .get("/api/rooms", (scope, receive, send) -> rooms().thenCompose(list -> json(200, list)
                        .respond(scope, send)))
                .get("/api/room/:name/history", (scope, receive, send) -> inRoom(scope, send, true))
                .get("/api/room/:name/users", (scope, receive, send) -> inRoom(scope, send, false))
                .get("/api/stats", (scope, receive, send) -> json(200, state.stats()).respond(scope, send))
                .notFound((scope, receive, send) -> json(404, Fields.of("error", "Not found")).respond(scope, send));
    }

    /** The rooms this instance knows, sorted, with how many users each has on every instance. */
    private CompletionStage<List<Map<String, Object>>> rooms() {
        List<ChatState.Room> rooms = state.rooms();
        List<CompletableFuture<Integer>> counts = rooms.stream()
                .map(r -> relay.count(r.name).toCompletableFuture()).toList();
        return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < rooms.size(); i++) {
                ChatState.Room r = rooms.get(i);
                list.add(Fields.of("name", r.name, "users", counts.get(i).join(), "created_at", r.createdAt));
            }
            return list;
        });
    }

    private CompletionStage<Void> inRoom(Scope scope, Send send, boolean history) {
        String room = Router.pathParam((RequestScope) scope, "name");
        if (state.room(room).isEmpty()) {
            return json(404, Fields.of("error", "Room not found")).respond(scope, send);
        }
        if (history) {
            return json(200, state.messages(room, ChatState.MAX_MESSAGES_PER_ROOM)).respond(scope, send);
        }
        return relay.users(room).thenCompose(users -> json(200, users).respond(scope, send));
    }

    private static Response json(int status, Object value) {
        return Response.json(value).withStatus(status).withContentType("application/json; charset=utf-8")
                .withHeader("cache-control", "no-cache");
    }

    private static Application file(String name) {
        URL url = ChatHttp.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing beside " + ChatHttp.class.getName());
        }
        FileSource source;
        try {
            source = FileSource.of(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + url, e);
        }
        return (scope, receive, send) -> FileResponse.of(source).respond(scope, send);
    }
}
