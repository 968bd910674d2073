package org.pagi.wrappers.routing;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.spec.SseScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;

/**
 * Answers a request scope with a plain HTTP response instead of calling the application: an ordinary response
 * for http, a declined stream for sse, and for websocket a denial response when the server offers
 * {@code websocket.http.response}, else a close before accept (the server answers 403). The router's misses, the
 * ready-made apps and the middleware's refusals all answer through here, so every protocol is refused alike.
 */
public final class Refusal {
    private Refusal() {
    }

    /**
     * Sends {@code status} with {@code headers} and {@code body}; {@code content-length} is set from the body.
     *
     * @param scope   the scope being answered; decides the events' shape
     * @param send    where the events go
     * @param status  the HTTP status
     * @param headers the response headers
     * @param body    the body text, sent as UTF-8
     * @return completes when the answer is sent
     */
    public static CompletionStage<Void> send(RequestScope scope, Send send, int status, Headers headers, String body) {
        return send(scope, send, status, headers, Bytes.utf8(body));
    }

    /**
     * Sends {@code status} with {@code headers} and {@code bytes}; {@code content-length} is set from the body.
     *
     * @param scope   the scope being answered; decides the events' shape
     * @param send    where the events go
     * @param status  the HTTP status
     * @param headers the response headers
     * @param bytes   the body
     * @return completes when the answer is sent
     */
    public static CompletionStage<Void> send(RequestScope scope, Send send, int status, Headers headers, Bytes bytes) {
        Headers all = headers.replace("content-length", Integer.toString(bytes.length()));
        return switch (scope) {
            case HttpScope h -> send.send(new HttpResponseStart(status, all))
                    .thenCompose(v -> send.send(HttpResponseBody.last(bytes)));
            case SseScope s -> send.send(new SseHttpResponseStart(status, all))
                    .thenCompose(v -> send.send(new SseHttpResponseBody(bytes, false)));
            case WebSocketScope w -> w.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE)
                    ? send.send(new WebSocketHttpResponseStart(status, all))
                            .thenCompose(v -> send.send(new WebSocketHttpResponseBody(bytes, false)))
                    : send.send(new WebSocketClose(1008, ""));
        };
    }

    /**
     * {@link #send} with {@code text/plain; charset=utf-8}.
     *
     * @param scope  the scope being answered
     * @param send   where the events go
     * @param status the HTTP status
     * @param body   the body text
     * @return completes when the answer is sent
     */
    public static CompletionStage<Void> text(RequestScope scope, Send send, int status, String body) {
        return send(scope, send, status, Headers.of("content-type", "text/plain; charset=utf-8"), body);
    }
}
