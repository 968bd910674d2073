package org.pagi.examples.support;

import org.pagi.spec.Headers;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;

/**
 * {@link ExampleSseStream} over the test client's {@link SseStream}: the headers are exactly those of
 * {@code sse.start}; closing disconnects the client, waits for the application to return, and rethrows what it
 * failed with. Used from one test thread.
 */
final class InProcessSseStream implements ExampleSseStream {
    private final SseStream stream;

    InProcessSseStream(SseStream stream) {
        this.stream = stream;
    }

    @Override
    public int status() {
        return stream.status();
    }

    @Override
    public Headers headers() {
        return stream.headers();
    }

    @Override
    public SseMessage next() {
        return stream.next();
    }

    @Override
    public void awaitEnd() {
        stream.awaitEnd();
    }

    @Override
    public void close() {
        stream.close();
    }
}
