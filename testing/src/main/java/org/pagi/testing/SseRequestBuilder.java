package org.pagi.testing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.SseScope;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/**
 * One SSE request of the {@link TestClient}: it always carries {@code accept: text/event-stream}, which is what
 * makes a server give it an {@code sse} scope; GET unless {@link #method} says otherwise (POST streams, as
 * {@code fetch-event-source} sends them, carry a body). {@link #open()} returns the {@link SseStream}.
 *
 * <pre>{@code
 * try (SseStream events = client.sse("/events").lastEventId("41").open()) {
 *     assertEquals(SseMessage.of("tick", "42").withId("42"), events.next());
 * }
 * }</pre>
 *
 * <p>Not thread-safe; use one builder per request.
 */
public final class SseRequestBuilder extends RequestBuilderBase<SseRequestBuilder> {
    private Bytes body = Bytes.empty();
    private boolean bodySet;

    SseRequestBuilder(TestClient client, String path) {
        super(client, "GET", path);
        header("accept", "text/event-stream");
    }

    /**
     * Uses another method (POST, PUT, ...): the spec gives a request of any method an {@code sse} scope. The
     * token is checked when the scope is built, at {@link #open()}.
     */
    public SseRequestBuilder method(String value) {
        this.method = Objects.requireNonNull(value, "method");
        return this;
    }

    /** Sends {@code value} as the request body, with {@code content-length}; it arrives as {@code sse.request}. */
    public SseRequestBuilder body(Bytes value) {
        if (bodySet) {
            throw new IllegalStateException("the request body is already set; set it once");
        }
        this.body = Objects.requireNonNull(value, "body");
        this.bodySet = true;
        return this;
    }

    /** Sends {@code value} with {@code content-type}. */
    public SseRequestBuilder body(Bytes value, String contentType) {
        header("content-type", contentType);
        return body(value);
    }

    /** Sends {@code value} serialized by Jackson, {@code content-type: application/json}. */
    public SseRequestBuilder json(Object value) {
        return body(Json.write(value), "application/json");
    }

    /** Resumes a stream as a reconnecting {@code EventSource} does: the {@code last-event-id} header. */
    public SseRequestBuilder lastEventId(String id) {
        return header("last-event-id", id);
    }

    /**
     * Sends the request and waits for the application to start the stream or decline it.
     *
     * @return the stream, or a declined one ({@link SseStream#declined()}) holding the response
     * @throws PagiTestTimeoutException if the application does neither in time
     * @throws org.pagi.spec.order.IllegalEventOrderException if it sends a stream event before {@code sse.start}
     * @throws IllegalStateException if the headers make the request a WebSocket handshake instead
     */
    public SseStream open() {
        RequestHead head = head(framingHeaders());
        ScopeFactory.Kind kind = ScopeFactory.classify(head);
        if (kind != ScopeFactory.Kind.SSE) {
            throw new IllegalStateException("a server gives this request a " + kind.name().toLowerCase(Locale.ROOT)
                    + " scope, not sse: its upgrade and connection headers ask for a WebSocket; use"
                    + " client.websocket(path) for that");
        }
        SseScope scope = ScopeFactory.sse(requestInfo(head, kind), client.state(), client.extensions(),
                new FlowTracker());
        return SseStream.open(client, scope, body);
    }

    private List<Header> framingHeaders() {
        boolean expectsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (bodySet || expectsBody) {
            return List.of(Header.of("content-length", Integer.toString(body.length())));
        }
        return List.of();
    }
}
