package org.pagi.examples.extensionfullflush;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/**
 * A streamed response that asks the server to push each piece to the client at once. After reading the request
 * body it sends {@code 200}, {@code content-type: text/plain}, then {@code Line 1\n}, {@code Line 2\n} and
 * {@code Line 3\n} as three {@code http.response.body} events (the last with {@code more = false}); after each
 * but the last it sends {@code http.fullflush}, if the scope advertises the {@code fullflush} extension.
 *
 * <p>Checking first matters: {@code http.fullflush} on a scope without the extension is a bug the server refuses
 * (the send fails with {@code IllegalArgumentException}). After the last chunk there is nothing left to flush:
 * the end of the response flushes.
 *
 * <p>Each call runs on a virtual thread of its own and waits with {@code join()}. Serves {@code http} scopes
 * only. Stateless and thread-safe.
 */
public final class App implements Application {
    static final List<Bytes> LINES = List.of(Bytes.utf8("Line 1\n"), Bytes.utf8("Line 2\n"), Bytes.utf8("Line 3\n"));

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("extension-fullflush").start(task);

    /** Creates the application; it holds no state. */
    public App() {
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http)) {
            return CompletableFuture.failedFuture(new UnsupportedScopeException(scope));
        }
        return CompletableFuture.runAsync(() -> stream(http, receive, send), VIRTUAL_THREADS);
    }

    private static void stream(HttpScope http, Receive receive, Send send) {
        if (!readWholeBody(receive)) {
            return; // http.disconnect: nobody is left to answer
        }
        boolean canFlush = http.extensions().has(Extensions.FULLFLUSH);
        await(send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain"))));
        for (int i = 0; i < LINES.size(); i++) {
            boolean last = i == LINES.size() - 1;
            await(send.send(new HttpResponseBody(LINES.get(i), !last)));
            if (canFlush && !last) {
                await(send.send(new HttpFullFlush()));
            }
        }
    }

    /** @return true once the body is read (and ignored); false if {@code http.disconnect} came first */
    private static boolean readWholeBody(Receive receive) {
        while (await(receive.receive()) instanceof HttpRequest piece) {
            if (!piece.more()) {
                return true;
            }
        }
        return false;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
