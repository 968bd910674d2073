package org.pagi.testing.demo;

import java.io.PrintStream;
import java.util.stream.Collectors;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;

/**
 * Wraps an application so that every call prints what the application sees: the scope keys first, then each
 * event in order, {@code →} for one it received and {@code ←} for one it sent. This is middleware in the PAGI
 * sense, an {@code Application -> Application} function; the application inside cannot tell it is there.
 *
 * <p>Lines are printed before an event reaches the application or the client, so for one call they appear in
 * the order the events happened. Thread-safe as far as {@link PrintStream} is (each line is written whole).
 */
final class Transcript {
    private Transcript() {
    }

    /** @return {@code app}, printing its scopes and events to {@code out} */
    static Application of(Application app, PrintStream out) {
        return (scope, receive, send) -> {
            out.println("  scope: " + describe(scope));
            Receive printingReceive = () -> receive.receive().thenApply(event -> {
                out.println("  → " + describe(event));
                return event;
            });
            Send printingSend = event -> {
                out.println("  ← " + describe(event));
                return send.send(event);
            };
            return app.call(scope, printingReceive, printingSend);
        };
    }

    /** @return the scope keys a newcomer looks at first: type, method, path, query string, state and headers */
    static String describe(Scope scope) {
        if (!(scope instanceof RequestScope request)) {
            return "type=" + scope.type() + " state=" + scope.state().keys();
        }
        String state = request.state().isEmpty() ? "" : " state=" + request.state().keys();
        return "type=" + request.type() + " method=" + request.method() + " path=" + request.path()
                + " query_string=" + request.queryString() + state
                + "\n         headers=" + headers(request.headers());
    }

    /**
     * @return an event as its spec type string and the fields that matter, e.g.
     *         {@code http.request body=b"hi" more=false}
     */
    static String describe(Event event) {
        String fields = switch (event) {
            case HttpRequest e -> "body=" + e.body() + " more=" + e.more();
            case HttpResponseStart e -> "status=" + e.status() + " headers=" + headers(e.headers())
                    + (e.trailers() ? " trailers=true" : "");
            case HttpResponseBody e -> "body=" + e.body() + " more=" + e.more();
            case WebSocketAccept e -> e.subprotocol().map(p -> "subprotocol=" + p).orElse("");
            case WebSocketReceive e -> message(e.message());
            case WebSocketSend e -> message(e.message());
            case WebSocketClose e -> "code=" + e.code() + reason(e.reason());
            case WebSocketDisconnect e -> "code=" + e.code() + reason(e.reason());
            case SseRequest e -> "body=" + e.body() + " more=" + e.more();
            case SseStart e -> "status=" + e.status() + " headers=" + headers(e.headers());
            case SseSend e -> e.event().map(name -> "event=" + name + " ").orElse("") + "data=\"" + e.data() + "\""
                    + e.id().map(id -> " id=" + id).orElse("");
            default -> ""; // events whose type says it all: lifespan.startup, http.disconnect, ...
        };
        return fields.isEmpty() ? event.type() : event.type() + " " + fields;
    }

    private static String reason(String reason) {
        return reason.isEmpty() ? "" : " reason=\"" + reason + "\"";
    }

    private static String message(WebSocketMessage message) {
        return switch (message) {
            case WebSocketMessage.Text t -> "text=\"" + t.text() + "\"";
            case WebSocketMessage.Binary b -> "bytes=" + b.bytes();
        };
    }

    /** @return headers as {@code [name: value, ...]}, values as text (the demo's are all ASCII) */
    static String headers(Headers headers) {
        return headers.stream().map(h -> h.name() + ": " + h.text()).collect(Collectors.joining(", ", "[", "]"));
    }
}
