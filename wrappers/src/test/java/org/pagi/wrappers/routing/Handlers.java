package org.pagi.wrappers.routing;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketSend;

/** Small applications that report what the router gave them. */
final class Handlers {

    private Handlers() {
    }

    /** @return what {@link #echo} writes for a scope: label, route template, params, path, root path */
    static String describe(String label, RequestScope scope) {
        return label + "|" + scope.attribute(Router.ROUTE).orElse("-") + "|" + Router.pathParams(scope)
                + "|" + scope.path() + "|" + scope.rootPath();
    }

    /** An HTTP handler answering 200 with {@link #describe}. */
    static Application echo(String label) {
        return (scope, receive, send) -> text(send, 200, describe(label, (RequestScope) scope));
    }

    static CompletionStage<Void> text(org.pagi.spec.Send send, int status, String body) {
        Bytes bytes = Bytes.utf8(body);
        return send.send(new HttpResponseStart(status, Headers.of("content-type", "text/plain",
                        "content-length", Integer.toString(bytes.length()))))
                .thenCompose(v -> send.send(HttpResponseBody.last(bytes)));
    }

    /** A WebSocket handler that accepts and sends {@link #describe} as one text message. */
    static Application wsEcho(String label) {
        return (scope, receive, send) -> receive.receive()
                .thenCompose(connect -> send.send(new WebSocketAccept()))
                .thenCompose(v -> send.send(WebSocketSend.text(describe(label, (RequestScope) scope))));
    }

    /** An SSE handler that starts the stream and sends {@link #describe} as one event. */
    static Application sseEcho(String label) {
        return (scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(SseSend.data(describe(label, (RequestScope) scope))));
    }

    /** Middleware that adds its name to the response's {@code x-trail} header, outermost first. */
    static Middleware trail(String name) {
        return next -> (scope, receive, send) -> next.call(scope, receive, event -> send.send(
                event instanceof HttpResponseStart start
                        ? new HttpResponseStart(start.status(), start.headers().with("x-trail", name), start.trailers())
                        : event));
    }
}
