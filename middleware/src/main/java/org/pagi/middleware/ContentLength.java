package org.pagi.middleware;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.wrappers.routing.Middleware;

/**
 * Adds {@code Content-Length} to an http response whose whole body arrives in one event and that names no length,
 * so the server can frame it without chunking. It holds only the {@code http.response.start} until the next
 * event: a single final body event gets the length, anything else (a body with {@code more}, a file, trailers)
 * releases the start unchanged and the stream passes through event by event, never buffered.
 *
 * <p>Left alone: responses that already carry {@code Content-Length} or {@code Transfer-Encoding}, that announce
 * trailers, statuses that have no body (1xx, 204, 304), and HEAD requests (the application may send an empty body
 * for HEAD, and a length of 0 would contradict the GET it describes). Acts on http; every other scope passes
 * through untouched. Stateless and thread-safe; upstream's {@code auto_chunked} option is what not enabling it means.
 */
public final class ContentLength implements Middleware {

    private ContentLength() {
    }

    /** @return the middleware; it has no options */
    public static ContentLength create() {
        return new ContentLength();
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http) || http.method().equals("HEAD")) {
                return next.call(scope, receive, send);
            }
            Holding holding = new Holding(send);
            // An application that ends after its start without a body still has that start delivered.
            return next.call(scope, receive, holding).thenCompose(v -> holding.release());
        };
    }

    /** Holds a start that may get a length until the event after it shows whether the body is single. */
    private static final class Holding implements Send {
        private final Send send;
        // One response's events come in order, but possibly from different threads.
        private volatile HttpResponseStart held;

        Holding(Send send) {
            this.send = send;
        }

        @Override
        public CompletionStage<Void> send(Event event) {
            if (event instanceof HttpResponseStart start && held == null && needsLength(start)) {
                held = start;
                return CompletableFuture.completedFuture(null);
            }
            HttpResponseStart start = held;
            if (start == null) {
                return send.send(event);
            }
            held = null;
            if (event instanceof HttpResponseBody body && !body.more()) {
                HttpResponseStart sized = new HttpResponseStart(start.status(),
                        start.headers().with("content-length", Integer.toString(body.body().length())), false);
                return send.send(sized).thenCompose(v -> send.send(body));
            }
            return send.send(start).thenCompose(v -> send.send(event));
        }

        CompletionStage<Void> release() {
            HttpResponseStart start = held;
            held = null;
            return start == null ? CompletableFuture.completedFuture(null) : send.send(start);
        }

        private static boolean needsLength(HttpResponseStart start) {
            int s = start.status();
            return !start.trailers() && s >= 200 && s != 204 && s != 304
                    && !start.headers().contains("content-length") && !start.headers().contains("transfer-encoding");
        }
    }
}
