package org.pagi.examples.scaleout;

import org.pagi.spec.Application;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.wrappers.routing.Middleware;

/**
 * Names the answering instance in an {@code x-instance} header on every response start, WebSocket accept and SSE
 * start, so that a client behind the load balancer (and the tests) can tell the instances apart.
 */
record InstanceHeader(String instance) implements Middleware {
    static final String NAME = "x-instance";

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> next.call(scope, receive, tagged(send));
    }

    private Send tagged(Send send) {
        return event -> send.send(switch (event) {
            case HttpResponseStart s -> new HttpResponseStart(s.status(), s.headers().with(NAME, instance),
                    s.trailers());
            case WebSocketAccept a -> new WebSocketAccept(a.subprotocol(), a.headers().with(NAME, instance));
            case SseStart s -> new SseStart(s.status(), s.headers().with(NAME, instance));
            default -> event;
        });
    }
}
