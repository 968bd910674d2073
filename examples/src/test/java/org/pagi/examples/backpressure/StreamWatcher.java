package org.pagi.examples.backpressure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.TransportFlow;
import org.pagi.spec.event.HttpResponseBody;

/**
 * Wraps the example and watches its one stream from the server's side: how many body bytes the server has taken,
 * the send in flight, and the connection's {@code pagi.transport}. Thread-safe.
 */
final class StreamWatcher implements Application {
    private final Application app;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicReference<CompletableFuture<Void>> lastSend = new AtomicReference<>();
    private final AtomicReference<TransportFlow> flow = new AtomicReference<>();
    private final CompletableFuture<Void> returned = new CompletableFuture<>();

    StreamWatcher(Application app) {
        this.app = app;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        if (!(scope instanceof HttpScope http)) {
            return app.call(scope, receive, send); // lifespan: not the stream watched
        }
        flow.set(http.transport());
        Send watched = event -> {
            CompletableFuture<Void> sent = send.send(event).toCompletableFuture();
            lastSend.set(sent);
            return sent.thenRun(() -> {
                if (event instanceof HttpResponseBody body) {
                    taken.addAndGet(body.body().length());
                }
            });
        };
        return app.call(scope, receive, watched).whenComplete((v, e) -> returned.complete(null));
    }

    /**
     * @return whether the application is parked: its last send is waiting while bytes sit in the server's write
     *         buffer, which the kernel, its own buffers full, does not take
     */
    boolean isPaused() {
        TransportFlow f = flow.get();
        CompletableFuture<Void> pending = lastSend.get();
        return f != null && pending != null && !pending.isDone()
                && f.bufferedAmount() > 0;
    }

    @Override
    public String toString() {
        TransportFlow f = flow.get();
        CompletableFuture<Void> pending = lastSend.get();
        return "taken " + taken.get() + " bytes, last send " + (pending == null ? "none" : pending.isDone() ? "done" : "waiting")
                + (f == null ? "" : ", buffered " + f.bufferedAmount() + " of high mark " + f.highWaterMark());
    }

    /** @return body bytes whose send the server has completed */
    long taken() {
        return taken.get();
    }

    /** @return completes when the application's http call returns */
    CompletableFuture<Void> returned() {
        return returned;
    }
}
