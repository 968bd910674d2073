package org.pagi.testing;

import java.time.Duration;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;

/**
 * An HTTP response read while the application produces it: the first chunks of a response that never ends (a
 * long poll, an endless stream) can be read and the request then cancelled. {@link #close()} disconnects the
 * client if the response is not complete, so the application sees {@code http.disconnect}.
 *
 * <p>Used from one test thread.
 */
public final class StreamingResponse implements AutoCloseable {
    private final HttpExchange exchange;

    StreamingResponse(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** Waits for the response to start (needed only after {@code openBody()}). */
    public StreamingResponse awaitStart() {
        exchange.awaitStart();
        return this;
    }

    /** @return the status code (waits for the start) */
    public int status() {
        exchange.awaitStart();
        return exchange.status();
    }

    /** @return the response headers (waits for the start) */
    public Headers headers() {
        exchange.awaitStart();
        return exchange.headers();
    }

    /** @return the next non-empty body chunk, or empty once the body is complete; waits up to the client timeout */
    public Optional<Bytes> nextChunk() {
        return exchange.nextChunk(exchange.timeout());
    }

    /** @return the next body chunk within {@code wait}; fails the test if none comes */
    public Optional<Bytes> nextChunk(Duration wait) {
        return exchange.nextChunk(wait);
    }

    /** Writes a piece of an open request body ({@code HttpRequestBuilder.openBody()}). */
    public StreamingResponse writeBody(Bytes piece, boolean more) {
        exchange.writeBody(piece, more);
        return this;
    }

    /** Reads the rest and returns the whole response (its chunks include those already read). */
    public TestResponse readAll() {
        return exchange.readAll();
    }

    /** The client goes away now: the application receives {@code http.disconnect}. */
    public void disconnect() {
        exchange.disconnect();
    }

    /** @return whether the whole response has arrived */
    public boolean isComplete() {
        return exchange.isComplete();
    }

    /** @return the scope the application was called with */
    public HttpScope scope() {
        return exchange.scope();
    }

    /** @return this request's {@code pagi.connection}, as the application sees it */
    public ConnectionState connection() {
        return exchange.connection();
    }

    /** Disconnects if the response is incomplete, then waits for the application to return. */
    @Override
    public void close() {
        exchange.close();
    }
}
