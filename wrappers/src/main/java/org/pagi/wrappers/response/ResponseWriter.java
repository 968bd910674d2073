package org.pagi.wrappers.response;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.pagi.spec.Bytes;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;

/**
 * A response body written piece by piece. Each method's stage completes when the server took the event, which
 * is the backpressure: await a write before producing the next. Events leave in the order the methods were
 * called, even when a stage is not awaited first.
 *
 * <p>The response ends with {@link #close()} (idempotent) or, when trailers were declared at start, with
 * {@link #trailers}. Writing after the end throws {@code IllegalStateException("response already closed")}.
 * Thread-safe; meant for one producer.
 */
public final class ResponseWriter {

    private final Send send;
    private final boolean flushable;
    private final boolean trailersDeclared;
    private CompletableFuture<Void> tail;   // the last event queued; guarded by this
    private boolean closed;                 // guarded by this

    private ResponseWriter(Send send, boolean flushable, boolean trailersDeclared, CompletableFuture<Void> tail) {
        this.send = send;
        this.flushable = flushable;
        this.trailersDeclared = trailersDeclared;
        this.tail = tail;
    }

    /** Starts a response without trailers. */
    public static CompletionStage<ResponseWriter> start(Scope scope, Send send, int status, Headers headers) {
        return start(scope, send, status, headers, false);
    }

    /**
     * Sends {@code http.response.start} ({@code transfer-encoding} is the server's business: without a
     * {@code content-length} it chunks).
     *
     * @param trailers whether {@link #trailers} will end the response
     * @return completes with the writer once the server took the start
     * @throws IllegalStateException when a response was already sent through {@code send}
     */
    public static CompletionStage<ResponseWriter> start(Scope scope, Send send, int status, Headers headers,
            boolean trailers) {
        if (!(scope instanceof HttpScope http)) {
            throw new UnsupportedScopeException(scope);
        }
        Objects.requireNonNull(headers, "headers");
        HttpResponseStart start = new HttpResponseStart(status, headers, trailers);
        ResponseState.claim(http, send);
        CompletableFuture<Void> started = send.send(start).toCompletableFuture();
        ResponseWriter writer = new ResponseWriter(send, http.extensions().has(Extensions.FULLFLUSH), trailers,
                started);
        return started.thenApply(v -> writer);
    }

    /** Sends {@code chunk} as a body piece; completes when the server accepted it. */
    public CompletionStage<Void> write(Bytes chunk) {
        Objects.requireNonNull(chunk, "chunk");
        return enqueue(true, () -> send.send(HttpResponseBody.chunk(chunk)));
    }

    /** Sends {@code text} in UTF-8 as a body piece. */
    public CompletionStage<Void> write(String text) {
        return write(Bytes.utf8(Objects.requireNonNull(text, "text")));
    }

    /** Asks the server to write what it buffered now ({@code http.fullflush}); a no-op without that extension. */
    public CompletionStage<Void> flush() {
        if (!flushable) {
            synchronized (this) {
                checkOpen();
                return CompletableFuture.completedFuture(null);   // nothing to ask for: the server flushes itself
            }
        }
        return enqueue(true, () -> send.send(new HttpFullFlush()));
    }

    /**
     * Ends the body and sends {@code fields} as trailers; this ends the response.
     *
     * @throws IllegalStateException when the start did not declare trailers, or the response already ended
     */
    public CompletionStage<Void> trailers(Headers fields) {
        Objects.requireNonNull(fields, "fields");
        if (!trailersDeclared) {
            throw new IllegalStateException("trailers were not declared: start the response with trailers = true");
        }
        return enqueue(false, () -> send.send(HttpResponseBody.last(Bytes.empty()))
                .thenCompose(v -> send.send(new HttpResponseTrailers(fields))));
    }

    /**
     * Ends the response: the last body event (and empty trailers when they were declared and not sent). Only
     * the first call sends anything; later calls return a stage that completes with it.
     */
    public synchronized CompletionStage<Void> close() {
        if (closed) {
            return tail.copy();
        }
        return enqueue(false, () -> trailersDeclared
                ? send.send(HttpResponseBody.last(Bytes.empty()))
                        .thenCompose(v -> send.send(new HttpResponseTrailers(Headers.empty())))
                : send.send(HttpResponseBody.last(Bytes.empty())));
    }

    /** @return whether the response has ended (by {@link #close} or {@link #trailers}) */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** A view whose methods wait; see {@link org.pagi.wrappers.Blocking}. */
    public BlockingResponseWriter blocking() {
        return new BlockingResponseWriter(this);
    }

    // Queues one step after the previous one so events keep the call order; a failed step fails the rest.
    private synchronized CompletionStage<Void> enqueue(boolean staysOpen, Supplier<CompletionStage<Void>> step) {
        checkOpen();
        closed = !staysOpen;
        tail = tail.thenCompose(v -> step.get());
        return tail.copy();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("response already closed");
        }
    }
}
