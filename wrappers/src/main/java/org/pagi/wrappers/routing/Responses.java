package org.pagi.wrappers.routing;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.SseScope;

/** The router's own answers: 404, 405, automatic OPTIONS and trailing-slash redirects. */
final class Responses {

    private static final Bytes NOT_FOUND = Bytes.ascii("Not Found");
    private static final Bytes NOT_ALLOWED = Bytes.ascii("Method Not Allowed");

    private Responses() {
    }

    static String allow(Collection<String> methods) {
        return String.join(", ", methods);
    }

    static CompletionStage<Void> text(Send send, int status, Headers extra, Bytes body) {
        Headers headers = Headers.builder()
                .add("content-type", "text/plain; charset=utf-8")
                .add("content-length", Integer.toString(body.length()))
                .addAll(extra)
                .build();
        return send.send(new HttpResponseStart(status, headers))
                .thenCompose(v -> send.send(HttpResponseBody.last(body)));
    }

    static CompletionStage<Void> methodNotAllowed(Send send, Collection<String> methods) {
        return text(send, 405, Headers.of("allow", allow(methods)), NOT_ALLOWED);
    }

    static CompletionStage<Void> options(Send send, Collection<String> methods) {
        return send.send(new HttpResponseStart(204, Headers.of("allow", allow(methods))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
    }

    static CompletionStage<Void> redirect(Send send, int status, String location) {
        return text(send, status, Headers.of("location", location), Bytes.empty());
    }

    /** 404 in the form each scope type allows: a response, a WebSocket denial, or a declined SSE stream. */
    static CompletionStage<Void> notFound(RequestScope scope, Send send) {
        Headers headers = Headers.of("content-type", "text/plain; charset=utf-8",
                "content-length", Integer.toString(NOT_FOUND.length()));
        return switch (scope) {
            case WebSocketScope ws when ws.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE) ->
                    send.send(new WebSocketHttpResponseStart(404, headers))
                            .thenCompose(v -> send.send(new WebSocketHttpResponseBody(NOT_FOUND, false)));
            case WebSocketScope ws -> send.send(new WebSocketClose());
            case SseScope sse -> send.send(new SseHttpResponseStart(404, headers))
                    .thenCompose(v -> send.send(new SseHttpResponseBody(NOT_FOUND, false)));
            default -> text(send, 404, Headers.empty(), NOT_FOUND);
        };
    }
}
