package org.pagi.wrappers.proxy;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.RequestScope;
import org.pagi.spec.Send;

/**
 * One proxied request: sends it to the backend, relays the response, turns failures before the response head
 * into 413/502/504, and cancels the backend request when the client leaves.
 */
final class ProxyExchange {
    private final ProxyConfig config;
    private final HttpClient client;
    private final RequestScope scope;
    private final Downstream downstream;
    private final Receive receive;
    private final Send send;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile ResponseForwarder forwarder;
    private volatile CompletableFuture<HttpResponse<Void>> upstream;

    ProxyExchange(ProxyConfig config, HttpClient client, RequestScope scope, Downstream downstream,
            Receive receive, Send send) {
        this.config = config;
        this.client = client;
        this.scope = scope;
        this.downstream = downstream;
        this.receive = receive;
        this.send = send;
    }

    CompletableFuture<Void> run() {
        long declared;
        try {
            declared = declaredLength(scope.headers());
        } catch (NumberFormatException e) {
            return respond(400, "Bad Request: Content-Length is not a number");
        }
        if (declared > config.maxRequestBody()) {
            return tooLarge();
        }
        boolean chunked = scope.headers().contains("transfer-encoding");
        RequestBodyPublisher body = null;
        HttpRequest.BodyPublisher publisher;
        if (declared > 0 || chunked) {
            body = new RequestBodyPublisher(receive, downstream, chunked ? -1 : declared, config.maxRequestBody());
            publisher = body;
        } else {
            publisher = HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest request;
        try {
            request = UpstreamRequest.build(config, scope, publisher);
        } catch (IllegalArgumentException e) {
            return respond(400, "Bad Request: the request cannot be forwarded (" + e.getMessage() + ")");
        }
        upstream = client.sendAsync(request, this::relay);
        upstream.whenComplete(this::finished);
        if (body == null) {
            watchForDeparture();
        } else {
            body.drained().thenRun(this::watchForDeparture); // receive calls must not overlap the body's
        }
        return result;
    }

    /** The backend's head arrived: start the response, relay the body. */
    private HttpResponse.BodySubscriber<Void> relay(HttpResponse.ResponseInfo info) {
        Headers headers = HopByHop.response(info.headers().map());
        ResponseForwarder f = new ResponseForwarder(send, downstream,
                send.send(downstream.start(info.statusCode(), headers)));
        forwarder = f;
        return HttpResponse.BodySubscribers.fromSubscriber(f);
    }

    private void finished(HttpResponse<Void> response, Throwable failure) {
        ResponseForwarder f = forwarder;
        if (f != null) {
            // The head went out: the forwarder decides; a failure makes the server abort the connection.
            f.done().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(null);
                }
            });
            return;
        }
        if (failure == null) {
            result.complete(null);
            return;
        }
        Throwable cause = unwrap(failure);
        if (result.isDone() || has(failure, RequestBodyPublisher.ClientGone.class)
                || cause instanceof CancellationException) {
            result.complete(null); // the client left; nobody to answer
        } else if (has(failure, RequestBodyPublisher.BodyTooLarge.class)) {
            tooLarge().whenComplete((v, e) -> result.complete(null));
        } else if (has(failure, HttpConnectTimeoutException.class)) {
            answer(504, "Gateway Timeout: connecting to the backend took longer than " + config.connectTimeout());
        } else if (has(failure, HttpTimeoutException.class)) {
            answer(504, "Gateway Timeout: the backend sent no response within " + config.timeout());
        } else if (has(failure, ConnectException.class)) {
            answer(502, "Bad Gateway: the backend refused the connection");
        } else {
            answer(502, "Bad Gateway: the backend failed before responding (" + cause.getClass().getSimpleName() + ")");
        }
    }

    private void answer(int status, String text) {
        respond(status, text).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(null);
            }
        });
    }

    /** Waits for the client to leave, once the body is read; then cancels the backend request. */
    private void watchForDeparture() {
        receive.receive().whenComplete((event, failure) -> {
            if (failure != null || result.isDone()) {
                return;
            }
            if (downstream.read(event) instanceof Downstream.Gone) {
                CompletableFuture<HttpResponse<Void>> u = upstream;
                if (u != null) {
                    u.cancel(true);
                }
                ResponseForwarder f = forwarder;
                if (f != null) {
                    f.cancel();
                }
                result.complete(null);
            } else {
                watchForDeparture(); // an empty last piece of a body nobody announced
            }
        });
    }

    private CompletableFuture<Void> tooLarge() {
        return respond(413, "Payload Too Large: the request body exceeds " + config.maxRequestBody() + " bytes");
    }

    private CompletableFuture<Void> respond(int status, String text) {
        Bytes body = Bytes.utf8(text + "\n");
        Headers headers = Headers.of("content-type", "text/plain; charset=utf-8",
                "content-length", Integer.toString(body.length()));
        return send.send(downstream.start(status, headers))
                .thenCompose(v -> send.send(downstream.body(body, false)))
                .toCompletableFuture();
    }

    /** @return the {@code Content-Length}, or 0 when absent */
    private static long declaredLength(Headers headers) {
        return headers.first("content-length").map(v -> Long.parseLong(v.strip())).orElse(0L);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
