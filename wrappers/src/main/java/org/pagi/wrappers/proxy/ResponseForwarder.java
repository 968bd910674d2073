package org.pagi.wrappers.proxy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;

/**
 * The backend's response body, relayed to the client as it arrives. It asks the JDK client for one more list of
 * buffers only when the {@code send} of the previous one completed, that is when the server took it: a client
 * that reads slowly stops the proxy reading from the backend, so nothing piles up in between.
 */
final class ResponseForwarder implements Flow.Subscriber<List<ByteBuffer>> {
    private final Send send;
    private final Downstream downstream;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile CompletableFuture<Void> last;
    private volatile Flow.Subscription subscription;

    /** @param headSent the {@code send} of the response start, which every body piece follows */
    ResponseForwarder(Send send, Downstream downstream, CompletionStage<Void> headSent) {
        this.send = send;
        this.downstream = downstream;
        this.last = headSent.toCompletableFuture();
    }

    /** @return a stage that completes when the last piece was sent, or fails with why the relay stopped */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Stops asking the backend for more (the client went away). */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        done.complete(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        askAfter(last);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        Bytes piece = join(buffers);
        if (piece.isEmpty()) {
            subscription.request(1);
            return;
        }
        CompletableFuture<Void> sent = send.send(downstream.body(piece, true)).toCompletableFuture();
        last = sent;
        askAfter(sent);
    }

    @Override
    public void onComplete() {
        last.thenCompose(v -> send.send(downstream.body(Bytes.empty(), false)))
                .whenComplete((v, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(null);
                    }
                });
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    private void askAfter(CompletableFuture<Void> sent) {
        sent.whenComplete((v, failure) -> {
            if (failure != null) {
                subscription.cancel();
                done.completeExceptionally(failure);
            } else if (!done.isDone()) {
                subscription.request(1);
            }
        });
    }

    private static Bytes join(List<ByteBuffer> buffers) {
        if (buffers.size() == 1) {
            return Bytes.of(buffers.get(0));
        }
        int total = 0;
        for (ByteBuffer b : buffers) {
            total = Math.addExact(total, b.remaining());
        }
        byte[] out = new byte[total];
        int at = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.duplicate().get(out, at, n);
            at += n;
        }
        return Bytes.of(out);
    }
}
