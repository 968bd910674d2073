package org.pagi.wrappers.proxy;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.SseScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseRequest;

/**
 * The client side of one proxied exchange, for the two scopes the proxy serves. An {@code sse} scope is answered
 * with {@code sse.http.response.*}: the backend's event stream is relayed byte for byte as an ordinary response,
 * so ids, comments and retry fields arrive exactly as the backend wrote them.
 */
sealed interface Downstream {

    /** What a received event means to the proxy. */
    sealed interface Inbound permits Piece, Gone {
    }

    /** A piece of the request body; {@code more = false} on the last one. */
    record Piece(Bytes body, boolean more) implements Inbound {
    }

    /** The client went away. */
    record Gone() implements Inbound {
    }

    /** @return the event that starts the response */
    Event start(int status, Headers headers);

    /** @return the event that carries a piece of the response body */
    Event body(Bytes body, boolean more);

    /** @return what {@code event}, received on this scope, means */
    Inbound read(Event event);

    /**
     * @return the side for {@code scope}
     * @throws UnsupportedScopeException for a scope other than {@code http} and {@code sse} (a WebSocket is not
     *         proxied; the lifespan is not the proxy's business)
     */
    static Downstream of(Scope scope) {
        return switch (scope) {
            case HttpScope h -> new Http();
            case SseScope s -> new Sse();
            default -> throw new UnsupportedScopeException(scope);
        };
    }

    /** An {@code http} scope. */
    record Http() implements Downstream {
        @Override
        public Event start(int status, Headers headers) {
            return new HttpResponseStart(status, headers);
        }

        @Override
        public Event body(Bytes body, boolean more) {
            return new HttpResponseBody(body, more);
        }

        @Override
        public Inbound read(Event event) {
            return switch (event) {
                case HttpRequest r -> new Piece(r.body(), r.more());
                case HttpDisconnect d -> new Gone();
                default -> throw new IllegalStateException("http: unexpected event " + event.type());
            };
        }
    }

    /** An {@code sse} scope. */
    record Sse() implements Downstream {
        @Override
        public Event start(int status, Headers headers) {
            return new SseHttpResponseStart(status, headers);
        }

        @Override
        public Event body(Bytes body, boolean more) {
            return new SseHttpResponseBody(body, more);
        }

        @Override
        public Inbound read(Event event) {
            return switch (event) {
                case SseRequest r -> new Piece(r.body(), r.more());
                case SseDisconnect d -> new Gone();
                default -> throw new IllegalStateException("sse: unexpected event " + event.type());
            };
        }
    }
}
