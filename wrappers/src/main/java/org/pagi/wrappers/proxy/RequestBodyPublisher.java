package org.pagi.wrappers.proxy;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;

/**
 * The client's request body as the backend request's body: one {@code receive} per unit of demand from the JDK
 * client, never ahead of it, so the body is never held whole and a backend that reads slowly slows the client
 * down (the server stops reading the socket while nobody receives). Counts the bytes against the limit as they
 * pass. It can be sent once: the JDK client may retry a failed request, but a streamed body cannot be replayed.
 */
final class RequestBodyPublisher implements HttpRequest.BodyPublisher {
    /** Handed to a second subscriber before it is told why it gets nothing. */
    private static final Flow.Subscription SPENT = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final Receive receive;
    private final Downstream downstream;
    private final long contentLength;
    private final long limit;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    /**
     * @param contentLength the declared length, or -1 for a chunked body
     * @param limit         the most bytes let through
     */
    RequestBodyPublisher(Receive receive, Downstream downstream, long contentLength, long limit) {
        this.receive = receive;
        this.downstream = downstream;
        this.contentLength = contentLength;
        this.limit = limit;
    }

    /**
     * @return a stage that completes when the last piece was received, or fails with {@link ClientGone} or
     *         {@link BodyTooLarge}; never completes if the body was not asked for
     */
    CompletableFuture<Void> drained() {
        return drained;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(SPENT);
            subscriber.onError(new IllegalStateException("a streamed request body can be sent once, and was"));
            return;
        }
        subscriber.onSubscribe(new Pull(subscriber));
    }

    /** The client went away while its body was being forwarded. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client disconnected", null, false, false);
        }
    }

    /** The body passed the limit. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long limit) {
            super("the request body exceeds " + limit + " bytes", null, false, false);
        }
    }

    /** One subscription: a drain loop so a receive that completes at once does not recurse. */
    private final class Pull implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean reading;
        private volatile boolean finished;
        private long seen;

        Pull(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("demand must be positive, got " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            pump();
        }

        @Override
        public void cancel() {
            finished = true;
        }

        private void pump() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                if (!finished && !reading && demand.get() > 0) {
                    reading = true;
                    receive.receive().whenComplete(this::onEvent);
                }
            } while (wip.decrementAndGet() != 0);
        }

        private void onEvent(Event event, Throwable failure) {
            if (finished) {
                return;
            }
            if (failure != null) {
                fail(failure);
                return;
            }
            switch (downstream.read(event)) {
                case Downstream.Gone gone -> fail(new ClientGone());
                case Downstream.Piece piece -> {
                    seen += piece.body().length();
                    if (seen > limit) {
                        fail(new BodyTooLarge(limit));
                        return;
                    }
                    if (!piece.body().isEmpty()) {
                        demand.decrementAndGet();
                        subscriber.onNext(piece.body().asReadOnlyBuffer());
                    }
                    if (!piece.more()) {
                        finished = true;
                        subscriber.onComplete();
                        drained.complete(null);
                        return;
                    }
                }
            }
            reading = false;
            pump();
        }

        private void fail(Throwable failure) {
            finished = true;
            drained.completeExceptionally(failure);
            subscriber.onError(failure);
        }
    }
}
