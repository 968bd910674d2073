package org.pagi.wrappers.apps;

import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.wrappers.response.Response;

/** Small applications that report where a request reached them: {@code label|path|root_path}. */
final class Echo {
    private Echo() {
    }

    static String describe(String label, RequestScope scope) {
        return label + "|" + scope.path() + "|" + scope.rootPath();
    }

    /** Answers any request scope: http with a 200 text, websocket with one message, sse with one event. */
    static Application of(String label) {
        return (scope, receive, send) -> switch (scope) {
            case org.pagi.spec.HttpScope h -> Response.text(describe(label, h)).respond(h, send);
            case org.pagi.spec.WebSocketScope ws -> receive.receive()
                    .thenCompose(connect -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text(describe(label, ws))));
            case org.pagi.spec.SseScope sse -> send.send(new SseStart())
                    .thenCompose(v -> send.send(SseSend.data(describe(label, sse))));
            default -> throw new org.pagi.spec.UnsupportedScopeException(scope);
        };
    }

    /** Answers http with {@code status} and {@code body}. */
    static Application status(int status, String body) {
        return (scope, receive, send) -> Response.text(body).withStatus(status).respond(scope, send);
    }
}
