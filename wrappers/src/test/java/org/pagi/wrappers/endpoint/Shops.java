package org.pagi.wrappers.endpoint;

import static java.util.concurrent.CompletableFuture.completedFuture;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.WebSocket;

/** One class-based application declared twice, with async and with blocking handlers, for the router tests. */
final class Shops {

    private Shops() {
    }

    static EndpointRouter of(Mode mode) {
        return mode.pick(AsyncShop::new, BlockingShop::new);
    }

    static final class AsyncShop extends EndpointRouter {
        @Override
        protected void routes(Routes r) {
            r.get("/users/{id:int}", this::show).name("users.show")
                    .post("/users", this::create, Mode.trail("auth"))
                    .endpoint("/items", new Items.Async()).name("items")
                    .group("/admin", List.of(Mode.trail("admin")), admin -> admin
                            .get("/stats", this::stats).name("admin.stats"))
                    .any("/anything", this::anything)
                    .route("PURGE", "/cache", Response.text("purged"))
                    .websocket("/ws/{room}", this::chat)
                    .sse("/news/{topic}", this::news)
                    .mount("/api", new AsyncApi(), "api")
                    .mount("/static", Response.text("static"));
        }

        CompletionStage<Response> show(Request req) {
            return completedFuture(Response.text("user " + req.pathParam("id")));
        }

        CompletionStage<Response> create(Request req) {
            return req.text().thenApply(body -> Response.text("created " + body).withStatus(201));
        }

        CompletionStage<Response> stats(Request req) {
            return completedFuture(Response.text("stats"));
        }

        CompletionStage<Response> anything(Request req) {
            return completedFuture(Response.text("any " + req.method()));
        }

        CompletionStage<?> chat(WebSocket ws) {
            return ws.accept().thenCompose(v -> ws.sendText("room " + ws.pathParam("room")));
        }

        CompletionStage<?> news(Sse sse) {
            return sse.send("topic " + sse.pathParam("topic"));
        }
    }

    static final class BlockingShop extends EndpointRouter {
        @Override
        protected void routes(Routes r) {
            r.get("/users/{id:int}", this::show).name("users.show")
                    .post("/users", this::create, Mode.trail("auth"))
                    .endpoint("/items", new Items.Blocking()).name("items")
                    .group("/admin", List.of(Mode.trail("admin")), admin -> admin
                            .get("/stats", this::stats).name("admin.stats"))
                    .any("/anything", this::anything)
                    .route("PURGE", "/cache", Response.text("purged"))
                    .websocket("/ws/{room}", this::chat)
                    .sse("/news/{topic}", this::news)
                    .mount("/api", new BlockingApi(), "api")
                    .mount("/static", Response.text("static"));
        }

        Response show(Request req) {
            return Response.text("user " + req.pathParam("id"));
        }

        Response create(Request req) {
            return Response.text("created " + req.blocking().text()).withStatus(201);
        }

        Response stats(Request req) {
            return Response.text("stats");
        }

        Response anything(Request req) {
            return Response.text("any " + req.method());
        }

        void chat(BlockingWebSocket ws) {
            ws.accept();
            ws.sendText("room " + ws.webSocket().pathParam("room"));
        }

        void news(BlockingSse sse) {
            sse.send("topic " + sse.sse().pathParam("topic"));
        }
    }

    static final class AsyncApi extends EndpointRouter {
        @Override
        protected void routes(Routes r) {
            r.get("/orders/{id}", (Request req) -> completedFuture(Response.text("order " + req.pathParam("id"))))
                    .name("orders.show");
        }
    }

    static final class BlockingApi extends EndpointRouter {
        @Override
        protected void routes(Routes r) {
            r.get("/orders/{id}", (Request req) -> Response.text("order " + req.pathParam("id"))).name("orders.show");
        }
    }
}
