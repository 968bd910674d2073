package org.pagi.examples.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.protocol.sse.SseCommentLine;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseLimitException;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.testing.PagiTestTimeoutException;
import org.pagi.testing.SseMessage;

/**
 * {@link ExampleSseStream} over the JDK's {@code java.net.http.HttpClient}, an HTTP/1.1 client written
 * independently of the server: it undoes the chunked framing, and the body goes, as it arrives, through the kit's
 * {@link SseDecoder}, which reads it as a browser's {@code EventSource} does. Events are queued as they are
 * decoded; comments (keepalives) are skipped.
 *
 * <p>Each stream has an {@code HttpClient} of its own, so leaving ({@link #close()}) can shut that client down,
 * which closes the stream's connection for certain: cancelling a body halfway promises no more than that the
 * client stops delivering it. Every wait is bounded by {@link JdkHttpClientWire#TIMEOUT}.
 *
 * <p>Used from one test thread; the body subscriber runs on the client's threads and hands items over through a
 * queue.
 */
final class JdkSseStream implements ExampleSseStream {
    private static final Duration TIMEOUT = JdkHttpClientWire.TIMEOUT;

    /** Queued after the last item: how the body ended. */
    private record End(String how) {
    }

    private final HttpClient client;
    private final HttpResponse<Void> response;
    private final BlockingQueue<Object> items;
    private boolean left;

    private JdkSseStream(HttpClient client, HttpResponse<Void> response, BlockingQueue<Object> items) {
        this.client = client;
        this.response = response;
        this.items = items;
    }

    /**
     * Sends {@code request} to {@code origin} with {@code accept: text/event-stream} and waits for the response
     * head; the body is read from then on.
     *
     * @throws PagiTestTimeoutException if the head does not come in time
     */
    static JdkSseStream open(String origin, ExampleRequest request) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + request.path()))
                .method(request.method(), JdkHttpClientWire.publisher(request.body()))
                .header("accept", "text/event-stream");
        for (Header h : request.headers()) {
            builder.header(h.name(), h.text());
        }
        BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        try {
            // The response completes with its head: the subscriber's body stage is complete from the start.
            HttpResponse<Void> response = client.sendAsync(builder.build(), info -> new Decoding(items))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new JdkSseStream(client, response, items);
        } catch (TimeoutException e) {
            client.shutdownNow();
            throw new PagiTestTimeoutException("the stream did not start within " + TIMEOUT);
        } catch (ExecutionException e) {
            client.shutdownNow();
            throw new AssertionError("the SSE request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.shutdownNow();
            throw new AssertionError("interrupted while waiting for the stream to start", e);
        }
    }

    @Override
    public int status() {
        return response.statusCode();
    }

    @Override
    public Headers headers() {
        return JdkHttpClientWire.headers(response.headers().map());
    }

    @Override
    public SseMessage next() {
        return switch (take("an event")) {
            case SseFrame f -> new SseMessage(f.event(), f.data(), f.id(), f.retry());
            case End end -> {
                items.add(end);
                throw new AssertionError("expected an event, but the stream ended (" + end.how() + ")");
            }
            default -> throw new IllegalStateException("take returns frames and the end only");
        };
    }

    @Override
    public void awaitEnd() {
        switch (take("the end of the stream")) {
            case SseFrame f -> throw new AssertionError("expected the stream to end, got an event: " + f);
            case End end -> items.add(end);
            default -> throw new IllegalStateException("take returns frames and the end only");
        }
    }

    /** @return the next frame or the end, comments skipped */
    private Object take(String waitingFor) {
        if (left) {
            throw new IllegalStateException("the client closed this stream; nothing more can be read");
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Object next;
            try {
                next = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + waitingFor, e);
            }
            if (next == null) {
                throw new PagiTestTimeoutException("no " + waitingFor + " within " + TIMEOUT);
            }
            if (!(next instanceof SseCommentLine)) {
                return next;
            }
        }
    }

    /** Shuts the stream's client down, which closes its connection, and waits until it has. */
    @Override
    public void close() {
        if (left) {
            return;
        }
        left = true;
        client.shutdownNow();
        try {
            if (!client.awaitTermination(TIMEOUT)) {
                throw new PagiTestTimeoutException("the client had not shut down " + TIMEOUT + " after leaving");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while leaving the stream", e);
        }
    }

    /** Feeds the body to an {@link SseDecoder} and queues what it decodes, then the end. */
    private static final class Decoding implements BodySubscriber<Void> {
        private final SseDecoder decoder = new SseDecoder();
        private final BlockingQueue<Object> items;
        private boolean failed;

        Decoding(BlockingQueue<Object> items) {
            this.items = items;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (failed) {
                return; // the decoder is unusable; the end is queued already
            }
            try {
                for (ByteBuffer b : buffers) {
                    decoder.feed(b);
                }
            } catch (SseLimitException e) {
                failed = true;
                items.addAll(decoder.drain()); // what came before the limit still counts
                items.add(new End("the decoder gave up: " + e.getMessage()));
                return;
            }
            items.addAll(decoder.drain());
        }

        @Override
        public void onError(Throwable error) {
            if (!failed) {
                items.add(new End("the connection failed: " + error));
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                decoder.end();
                items.add(new End("the server ended it"));
            }
        }
    }
}
