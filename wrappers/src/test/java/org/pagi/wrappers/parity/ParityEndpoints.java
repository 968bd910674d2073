package org.pagi.wrappers.parity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.endpoint.BlockingSseEndpoint;
import org.pagi.wrappers.endpoint.BlockingWebSocketEndpoint;
import org.pagi.wrappers.endpoint.Encoding;
import org.pagi.wrappers.endpoint.EndpointRouter;
import org.pagi.wrappers.endpoint.HttpEndpoint;
import org.pagi.wrappers.endpoint.Methods;
import org.pagi.wrappers.endpoint.Routes;
import org.pagi.wrappers.endpoint.SseEndpoint;
import org.pagi.wrappers.endpoint.WebSocketEndpoint;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.BlockingSse;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * The parity app's class-based part, mounted at {@code /class}: routes declared with method references (an async
 * and a blocking handler), an {@link HttpEndpoint}, and a WebSocket and an SSE endpoint in each mode. Every one
 * reads the lifespan state, as the functional routes do.
 */
final class ParityEndpoints extends EndpointRouter {

    @Override
    protected void routes(Routes r) {
        r.get("/hello/{name}", this::hello)
                .post("/json", this::echo)
                .endpoint("/items", new Items())
                .endpoint("/ws/async", new JsonEcho())
                .endpoint("/ws/blocking", new TextEcho())
                .endpoint("/sse/async", new Feed())
                .endpoint("/sse/blocking", new BlockingFeed());
    }

    private CompletionStage<Response> hello(Request req) {              // async
        return CompletableFuture.completedFuture(Response.text("class " + AsyncRoutes.hello(req)));
    }

    private Response echo(Request req) {                                 // blocking
        try {
            return Response.json(Map.of("echo", req.blocking().jsonTree()));
        } catch (RuntimeException e) {
            return ParityApp.failure(e);
        }
    }

    private static String greeting(org.pagi.spec.State state) {
        return ParityApp.STATE.get(state).greeting();
    }

    /** GET (blocking) and DELETE (async); 405, HEAD and OPTIONS come from the endpoint. */
    private static final class Items extends HttpEndpoint {
        @Override
        protected void methods(Methods m) {
            m.get((Request req) -> Response.json(List.of("pen", greeting(req.state()))))
                    .delete((Request req) -> CompletableFuture.completedFuture(Response.empty()));
        }
    }

    /** Async, JSON messages: greets, answers each value; text that is not JSON closes with 1007. */
    private static final class JsonEcho extends WebSocketEndpoint<Object> {
        JsonEcho() {
            super(Encoding.JSON);
        }

        @Override
        protected CompletionStage<?> onConnect(WebSocket ws) {
            return ws.accept().thenCompose(v -> ws.sendText(greeting(ws.state())));
        }

        @Override
        protected CompletionStage<?> onReceive(WebSocket ws, Object value) {
            return ws.sendJson(Map.of("got", value));
        }
    }

    /** Blocking, text messages: greets, echoes, closes with 4002 on "close". */
    private static final class TextEcho extends BlockingWebSocketEndpoint<String> {
        TextEcho() {
            super(Encoding.TEXT);
        }

        @Override
        protected void onConnect(BlockingWebSocket ws) {
            ws.accept();
            ws.sendText(greeting(ws.webSocket().state()));
        }

        @Override
        protected void onReceive(BlockingWebSocket ws, String text) {
            if (text.equals("close")) {
                ws.close(4002, "bye");
            } else {
                ws.sendText("echo: " + text);
            }
        }
    }

    /** Async: one event, then "done", then closes. */
    private static final class Feed extends SseEndpoint {
        @Override
        protected CompletionStage<?> onConnect(Sse sse) {
            return sse.send(ServerEvent.named("tick", "async").withId("t1"))
                    .thenCompose(v -> sse.send(ServerEvent.named("done", greeting(sse.state())).withId("end")))
                    .thenCompose(v -> sse.close());
        }
    }

    /** Blocking: the same stream. */
    private static final class BlockingFeed extends BlockingSseEndpoint {
        @Override
        protected void onConnect(BlockingSse sse) {
            sse.send(ServerEvent.named("tick", "blocking").withId("t1"));
            sse.send(ServerEvent.named("done", greeting(sse.sse().state())).withId("end"));
            sse.close();
        }
    }
}
