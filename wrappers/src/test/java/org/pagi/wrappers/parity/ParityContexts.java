package org.pagi.wrappers.parity;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.wrappers.context.BlockingWebSocketContext;
import org.pagi.wrappers.context.Context;
import org.pagi.wrappers.context.HttpContext;
import org.pagi.wrappers.context.SseContext;
import org.pagi.wrappers.context.WebSocketContext;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.ServerEvent;

/**
 * The parity app's Context handlers at {@code /ctx/{name}}: http and SSE in the async mode through one switch over
 * the context types, WebSocket in the blocking mode with event dispatch. Each reads the lifespan state.
 */
final class ParityContexts {

    private ParityContexts() {
    }

    /** http and sse (async); a WebSocket is routed to {@link #blockingSocket} instead. */
    static CompletionStage<Void> async(Scope scope, Receive receive, Send send) {
        return switch (Context.of(scope, receive, send)) {
            case HttpContext http -> http.respond(Response.text("ctx " + http.pathParam("name") + " ("
                    + http.state(ParityApp.STATE).greeting() + ")"));
            case SseContext sse -> sse.send(ServerEvent.named("ctx", sse.pathParam("name")).withId("c1"))
                    .thenCompose(v -> sse.send(ServerEvent.named("done", sse.state(ParityApp.STATE).greeting())
                            .withId("end")))
                    .thenCompose(v -> sse.close());
            case WebSocketContext ws -> CompletableFuture.failedFuture(
                    new IllegalStateException("the router sends WebSockets to the blocking handler"));
        };
    }

    /** Greets, echoes each text message through the dispatcher, closes with 4003 on "close". */
    static void blockingSocket(Scope scope, Receive receive, Send send) {
        BlockingWebSocketContext ws = Context.of(scope, receive, send).asWebSocket().blocking();
        ws.accept();
        ws.sendText(ws.context().state(ParityApp.STATE).greeting());
        ws.on("websocket.receive", e -> {
            String text = ((WebSocketReceive) e).text().orElse("");
            if (text.equals("close")) {
                ws.close(4003, "bye");
            } else {
                ws.sendText("ctx " + ws.context().pathParam("name") + ": " + text);
            }
        }).run();
    }
}
