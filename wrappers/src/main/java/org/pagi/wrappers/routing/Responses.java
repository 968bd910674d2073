package org.pagi.wrappers.routing;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** The router's own answers: 404, 405, automatic OPTIONS and trailing-slash redirects. */
final class Responses {

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
        return Refusal.text(scope, send, 404, "Not Found");
    }
}
