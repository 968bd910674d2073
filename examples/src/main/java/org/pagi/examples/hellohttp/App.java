package org.pagi.examples.hellohttp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * The smallest PAGI HTTP application: whatever the method or path, it answers {@code 200} with
 * {@code content-type: text/plain} and the body {@code Hello from PAGI}, in one {@code http.response.start} and one
 * {@code http.response.body} with {@code more = false}.
 *
 * <p>It serves {@code http} scopes only and fails every other scope with {@link UnsupportedScopeException}, as the
 * spec requires: for {@code lifespan} a server then carries on without lifespan; a WebSocket or SSE request gets
 * the server's {@code 500}. It does not read the request body, which a server discards.
 *
 * <p>It composes stages and never blocks, so it may run on a server's event loop. Stateless and thread-safe.
 */
public final class App implements Application {
    /** The body of every response (the upstream example's exact bytes). */
    static final Bytes GREETING = Bytes.utf8("Hello from PAGI");

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                .thenCompose(started -> send.send(HttpResponseBody.last(GREETING)));
    }
}
