package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.DisconnectReason;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.WebSocket;

/** The example of the "Class-based routers and endpoints" section of wrappers/README.md, kept identical and run. */
@Timeout(30)
class EndpointsReadmeExampleTest {

    static final List<String> LOG = new CopyOnWriteArrayList<>();

    // --- README example starts
    static class Shop extends EndpointRouter {
        private final Map<Integer, String> users = new ConcurrentHashMap<>(Map.of(1, "ann"));

        @Override
        protected void routes(Routes r) {
            r.get("/users/{id:int}", this::show).name("users.show")      // async handler
                    .post("/users", this::create)                        // blocking handler
                    .endpoint("/items", new Items())                     // its methods; 405 for the rest
                    .endpoint("/moves", new Moves())                     // WebSocket
                    .endpoint("/ticks", new Ticks());                    // SSE
        }

        CompletionStage<Response> show(Request req) {                    // async: compose, never block
            String name = users.get(Integer.valueOf(req.pathParam("id")));
            return CompletableFuture.completedFuture(name == null ? Response.status(404) : Response.text(name));
        }

        Response create(Request req) {                                   // blocking: its own virtual thread
            int id = users.size() + 1;
            users.put(id, req.blocking().text());
            return Response.text(urlFor("users.show", Map.of("id", id), Map.of())).withStatus(201);
        }
    }

    static class Items extends HttpEndpoint {
        @Override
        protected void methods(Methods m) {
            m.get((Request req) -> Response.json(List.of("pen", "ink")))    // HEAD and OPTIONS come free
                    .delete((Request req) -> Response.empty());
        }
    }

    record Move(int x, int y) {
    }

    static class Moves extends WebSocketEndpoint<Move> {
        Moves() {
            super(Encoding.json(Move.class));                            // bad JSON closes with 1007
        }

        @Override
        protected CompletionStage<?> onReceive(WebSocket ws, Move move) {
            return ws.sendJson(new Move(move.y(), move.x()));
        }

        @Override
        protected void onDisconnect(WebSocket ws, Closed closed) {         // exactly once
            LOG.add("moves closed " + closed.code());
        }
    }

    static class Ticks extends BlockingSseEndpoint {
        @Override
        protected Duration keepaliveInterval() {
            return Duration.ofSeconds(15);
        }

        @Override
        protected void onConnect(BlockingSse sse) {
            sse.send("tick 1");                                          // starts the stream
        }

        @Override
        protected void onDisconnect(BlockingSse sse, Optional<DisconnectReason> reason) {
            LOG.add("ticks ended " + reason.map(DisconnectReason::token).orElse("here"));
        }
    }
    // --- README example ends

    @Test
    void theReadmeShowsThisExample() throws java.io.IOException {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/org/pagi/wrappers/endpoint/EndpointsReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// --- README example starts\n") + 29,
                source.indexOf("    // --- README example ends"));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertTrue(readme.contains(example.replace("\n    ", "\n").substring(4)),
                "README.md shows the example between the markers, one indentation level less");
    }

    @Test
    void theReadmeExampleWorksAsDescribed() {
        TestClient client = TestClient.of(new Shop());
        assertEquals("ann", client.get("/users/1").send().text());
        assertEquals("/users/2", client.post("/users").text("bob").send().text());
        assertEquals("bob", client.get("/users/2").send().text());
        assertEquals("[\"pen\",\"ink\"]", client.get("/items").send().text());
        assertEquals("DELETE, GET, HEAD, OPTIONS", client.put("/items").send().header("allow").orElseThrow());
        try (WebSocketSession ws = client.websocket("/moves").connect()) {
            assertEquals(new Move(2, 1), ws.sendJson(new Move(1, 2)).receiveJson(Move.class));
            ws.sendText("{oops");
            ws.expectClose(1007);
        }
        try (SseStream ticks = client.sse("/ticks").open()) {
            assertEquals("tick 1", ticks.next().data());
        }
        assertEquals(List.of("moves closed 1007", "ticks ended client_closed"), LOG);
    }
}
