package org.pagi.examples.support;

import org.pagi.spec.Headers;
import org.pagi.testing.SseMessage;

/**
 * One SSE stream as its client reads it, independent of the transport: the status and headers that started it,
 * then each event as a browser's {@code EventSource} dispatches it ({@link SseMessage}: type, data, id, retry),
 * comments and keepalives skipped.
 *
 * <p>Every wait is bounded; a check fails rather than hangs. Used from one test thread.
 */
public interface ExampleSseStream extends AutoCloseable {

    /** @return the status the stream started with */
    int status();

    /**
     * @return the response headers (a live server adds its own, such as {@code cache-control}; checks look fields
     *         up by name rather than compare the whole list)
     */
    Headers headers();

    /**
     * @return the next event
     * @throws AssertionError if the stream ends instead
     * @throws org.pagi.testing.PagiTestTimeoutException if nothing comes within the client's timeout
     */
    SseMessage next();

    /**
     * Waits for the server to end the stream.
     *
     * @throws AssertionError if an event comes first
     * @throws org.pagi.testing.PagiTestTimeoutException if the stream does not end within the client's timeout
     */
    void awaitEnd();

    /**
     * The client goes away, then waits until the server has finished with the stream (in process: the
     * application returned; on a socket: the connection closed). Does nothing the second time.
     */
    @Override
    void close();
}
