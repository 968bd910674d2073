package org.pagi.jmh.load;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.protocol.sse.SseLimitException;

/**
 * The body of one SSE response of {@link SseLoad}: the bytes go through the server's own {@link SseDecoder}, and
 * every event is counted (in a total shared by all streams) after checking that its data has the size asked
 * for. The body's value is the number of events this stream delivered.
 *
 * <p>Thread-safe as the client uses it: the client calls the subscriber methods one at a time; {@link #cancel}
 * may come from another thread.
 */
final class SseStream implements HttpResponse.BodySubscriber<Long> {
    private final int size;
    private final LongAdder total;
    private final Errors errors;
    private final SseDecoder decoder = new SseDecoder();
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile long events; // written by the client's thread only; read by cancel()

    /**
     * @param size   the data size every event must have
     * @param total  the count of events of all streams
     * @param errors where failures are counted
     */
    SseStream(int size, LongAdder total, Errors errors) {
        this.size = size;
        this.total = total;
        this.errors = errors;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(Long.MAX_VALUE); // events are counted as they come: no reason to hold the client back
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (cancelled) {
            return;
        }
        try {
            for (ByteBuffer b : buffers) {
                decoder.feed(b);
            }
        } catch (SseLimitException e) {
            errors.add("the SSE stream broke a decoder limit", e);
            cancel();
            return;
        }
        for (Optional<SseItem> item = decoder.next(); item.isPresent(); item = decoder.next()) {
            if (item.get() instanceof SseFrame frame) {
                if (frame.data().length() != size) {
                    errors.add("an event with " + frame.data().length() + " bytes of data; asked for " + size);
                }
                events++;
                total.increment();
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        decoder.end();
        body.complete(events);
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }

    /** Stops reading: the client closes the connection. The body completes with the events read so far. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        body.complete(events);
    }
}
