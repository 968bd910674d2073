package org.pagi.middleware;

import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import java.util.concurrent.CompletableFuture;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;

/** Answers with the name from {@link Identity}: an http body in two events, an SSE event, a WebSocket text. */
final class WhoAmI {
    private WhoAmI() {
    }

    static final Application APP = (scope, receive, send) -> {
        String who = Identity.of(scope).map(i -> i.scheme() + ":" + i.name()).orElse("anonymous");
        return switch (scope) {
            case HttpScope h -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("hello "), true)))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(who))));
            case SseScope s -> send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data(who)));
            case WebSocketScope w -> receive.receive().thenCompose(e -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text(who)))
                    .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
            default -> CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        };
    };
}
