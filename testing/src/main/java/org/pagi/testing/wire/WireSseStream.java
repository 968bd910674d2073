package org.pagi.testing.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.protocol.sse.SseLimitException;
import org.pagi.spec.Headers;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * An event stream read in wire mode ({@link WireConnection#sse}): the response body, de-chunked by the production
 * HTTP parser as its pieces arrive, goes through the production {@link SseDecoder}, which reads it the way a
 * browser's {@code EventSource} does.
 *
 * <pre>{@code
 * try (WireSseStream events = connection.sse("/events")) {
 *     assertEquals(SseFrame.of("tick", "1"), events.next());
 * }
 * }</pre>
 *
 * <p>{@link #next()} returns events and skips comments (a server's keepalives among them); {@link #nextItem()}
 * returns both. The stream ends when the terminating chunk arrives ({@link #awaitEnd()}); {@link #disconnect()}
 * leaves first, as a closed browser tab does, and so does {@link #close()} on a stream that has not ended. Every
 * wait lasts at most the client's timeout, then fails with {@link PagiTestTimeoutException}.
 *
 * <p>Not thread-safe: used by one test thread.
 */
public final class WireSseStream implements AutoCloseable {
    private final ResponseStream responses;
    private final ToServer server;
    private final Http1Event.Response head;
    private final Duration timeout;
    private final SseDecoder decoder = new SseDecoder();
    private String lastEventId = "";
    private boolean ended;
    private boolean disconnected;

    private WireSseStream(ResponseStream responses, ToServer server, Http1Event.Response head, Duration timeout) {
        this.responses = responses;
        this.server = server;
        this.head = head;
        this.timeout = timeout;
    }

    /**
     * Reads the answer to an event-stream request. Like {@code EventSource}, it takes a stream only from a
     * {@code 200} whose content type is {@code text/event-stream}; anything else is a refusal.
     *
     * @throws WireRefusedException with the whole response, when the server answered otherwise
     */
    static WireSseStream answer(ResponseStream responses, ToServer server, Duration timeout) {
        long deadline = ServerBytes.deadline(timeout);
        Http1Event.Response head = responses.head("GET", false, deadline);
        if (head.status() != 200 || !isEventStream(head.headers())) {
            throw new WireRefusedException("the event stream was declined", responses.rest(head, deadline));
        }
        return new WireSseStream(responses, server, head, timeout);
    }

    /** @return the response status: 200 */
    public int status() {
        return head.status();
    }

    /** @return the response header fields, exactly as the server wrote them */
    public Headers headers() {
        return head.headers();
    }

    /** @return the last event ID of the last event {@link #next()} or {@link #nextItem()} returned; empty if none */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * @return the next event, skipping comments
     * @throws AssertionError if the stream ends first
     * @throws PagiTestTimeoutException if no event comes within the client's timeout
     */
    public SseFrame next() {
        long deadline = ServerBytes.deadline(timeout);
        while (true) {
            if (item(deadline, "an SSE event") instanceof SseFrame frame) {
                return frame;
            }
        }
    }

    /**
     * @return the next event or comment line, in stream order
     * @throws AssertionError if the stream ends first
     * @throws PagiTestTimeoutException if nothing comes within the client's timeout
     */
    public SseItem nextItem() {
        return item(ServerBytes.deadline(timeout), "an SSE event or comment");
    }

    /** @return the next {@code count} events, in order, comments skipped */
    public List<SseFrame> take(int count) {
        List<SseFrame> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return List.copyOf(out);
    }

    /**
     * Waits for the end of the stream: the terminating chunk of the response body. Comments before it are
     * skipped.
     *
     * @throws AssertionError if an event comes first
     * @throws PagiTestTimeoutException if the stream does not end within the client's timeout
     */
    public void awaitEnd() {
        long deadline = ServerBytes.deadline(timeout);
        while (true) {
            Optional<SseItem> item = decoder.next();
            if (item.isPresent()) {
                if (item.get() instanceof SseFrame frame) {
                    throw new AssertionError("expected the end of the event stream, got an event: " + frame);
                }
            } else if (ended) {
                return;
            } else {
                pull(deadline, "the end of the event stream");
            }
        }
    }

    /**
     * Closes the client's side of the connection (a FIN), as a browser does when its tab closes: the application
     * receives {@code sse.disconnect}, and nothing more can be read.
     */
    public void disconnect() {
        requireReadable();
        disconnected = true;
        server.fin();
    }

    /** Disconnects unless the stream ended or the client already left. */
    @Override
    public void close() {
        if (!ended && !disconnected) {
            disconnect();
        }
    }

    private SseItem item(long deadline, String what) {
        requireReadable();
        while (true) {
            Optional<SseItem> item = decoder.next();
            if (item.isPresent()) {
                if (item.get() instanceof SseFrame frame) {
                    lastEventId = frame.lastEventId();
                }
                return item.get();
            }
            if (ended) {
                throw new AssertionError("expected " + what + ", but the stream ended");
            }
            pull(deadline, what);
        }
    }

    private void pull(long deadline, String what) {
        switch (responses.body(deadline, what)) {
            case Http1Event.Data d -> {
                try {
                    decoder.feed(d.data().toByteArray());
                } catch (SseLimitException e) {
                    throw new AssertionError("the event stream broke a decoder limit: " + e.getMessage(), e);
                }
            }
            case Http1Event.EndOfMessage end -> {
                decoder.end();
                ended = true;
            }
            default -> throw new IllegalStateException("body() yields only data and the end");
        }
    }

    private void requireReadable() {
        if (disconnected) {
            throw new IllegalStateException("the client disconnected from this stream; nothing more can be read");
        }
    }

    private static boolean isEventStream(Headers headers) {
        return headers.first("content-type")
                .map(v -> v.split(";", 2)[0].trim().equalsIgnoreCase("text/event-stream"))
                .orElse(false);
    }
}
