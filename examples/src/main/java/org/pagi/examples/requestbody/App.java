package org.pagi.examples.requestbody;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * Reads the whole request body, piece by piece, and answers {@code 200}, {@code content-type: text/plain}, with
 * {@code You sent: } followed by the body, or {@code No body provided} when it is empty. The body's bytes are
 * copied as they are, never decoded, so any bytes come back unchanged.
 *
 * <p>A body arrives as {@code http.request} events until one has {@code more = false}; how the client framed it
 * ({@code content-length} or chunked) makes no difference here. If the client leaves first
 * ({@code http.disconnect}), the application returns without answering.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}, so the reading loop is a plain
 * loop; the server's thread is never blocked. Serves {@code http} scopes only. Stateless and thread-safe.
 */
public final class App implements Application {
    static final Bytes PREFIX = Bytes.utf8("You sent: ");
    static final Bytes NO_BODY = Bytes.utf8("No body provided");

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("request-body").start(task);

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> answer(receive, send), VIRTUAL_THREADS);
    }

    private static void answer(Receive receive, Send send) {
        Optional<Bytes> body = readBody(receive);
        if (body.isEmpty()) {
            return; // http.disconnect: the client is gone, nobody is left to answer
        }
        Bytes message = body.get().isEmpty() ? NO_BODY : PREFIX.concat(body.get());
        await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
        await(send.send(HttpResponseBody.last(message)));
    }

    /** @return the whole body; empty if the client disconnected before its end */
    private static Optional<Bytes> readBody(Receive receive) {
        Bytes body = Bytes.empty();
        while (await(receive.receive()) instanceof HttpRequest piece) {
            body = body.concat(piece.body());
            if (!piece.more()) {
                return Optional.of(body);
            }
        }
        return Optional.empty();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
