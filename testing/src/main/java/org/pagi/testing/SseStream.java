package org.pagi.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;

/**
 * An SSE stream read while the application produces it, as a browser's {@code EventSource} would read it:
 * {@link #next()} returns each event ({@code sse.send}); comments ({@code sse.comment}) are skipped and kept in
 * {@link #comments()}; the last {@code sse.keepalive} is kept in {@link #keepalive()}. A stream that never ends
 * can be read as far as the test needs and then closed: {@link #close()} disconnects the client, so the
 * application receives {@code sse.disconnect}.
 *
 * <p>If the application declined the stream ({@code sse.http.response.start} and its body), {@link #declined()}
 * is true and {@link #status()}, {@link #headers()} and {@link #body()} hold that response. Headers are exactly
 * what the application sent: on {@code sse.start} a server adds {@code content-type: text/event-stream},
 * {@code cache-control: no-cache} and {@code date} when absent, which are not shown here.
 *
 * <p>An exception from the application is rethrown into the test by the next call that reads (or by
 * {@link #close()}); with {@code raiseAppExceptions(false)} the stream just ends, as a server aborts it. An event
 * sent out of order fails that call with {@link org.pagi.spec.order.IllegalEventOrderException}. Every read waits
 * at most the client's timeout.
 *
 * <p>Used from one test thread.
 */
public final class SseStream implements AutoCloseable {
    private final TestClient client;
    private final AppCall call;
    private final SseScope scope;
    private final List<String> comments = new ArrayList<>();
    private int status;
    private Headers headers = Headers.empty();
    private Bytes body = Bytes.empty();
    private boolean declined;
    private Optional<SseKeepalive> keepalive = Optional.empty();
    private String lastEventId = "";
    private Optional<String> ending = Optional.empty();
    private boolean clientClosed;
    private boolean failureReported;

    private SseStream(TestClient client, AppCall call, SseScope scope) {
        this.client = client;
        this.call = call;
        this.scope = scope;
    }

    /** Starts the application, delivers the request body, and waits for the stream to start or be declined. */
    static SseStream open(TestClient client, SseScope scope, Bytes requestBody) {
        AppCall call = AppCall.create(scope, client.timeout(), UnaryOperator.identity(), e -> { });
        // The whole body is one sse.request; a GET gets one empty piece (spec, "Request Body"). Queued before
        // the start, so an application called inline finds it there.
        call.push(new SseRequest(requestBody, false));
        call.launch(client.app(), client.runInline());
        SseStream stream = new SseStream(client, call, scope);
        try {
            stream.awaitStart();
        } catch (PagiTestTimeoutException e) {
            call.disconnect(new SseDisconnect(DisconnectReason.CLIENT_CLOSED)); // the client gives up waiting
            throw e;
        }
        return stream;
    }

    private void awaitStart() {
        switch (call.next("sse.start or sse.http.response.start")) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> unanswered(f.failure());
            case AppCall.Signal.Sent s -> {
                switch (s.event()) {
                    case SseStart start -> {
                        status = start.status();
                        headers = start.headers();
                    }
                    case SseHttpResponseStart decline -> readDecline(decline);
                    // The order rules let nothing else through before the stream starts.
                    default -> throw new AssertionError("unexpected " + s.event().type() + " before sse.start");
                }
            }
        }
    }

    private void readDecline(SseHttpResponseStart start) {
        declined = true;
        status = start.status();
        headers = start.headers();
        while (ending.isEmpty()) {
            switch (call.next("sse.http.response.body")) {
                case AppCall.Signal.Violation v -> throw v.error();
                case AppCall.Signal.Finished f -> {
                    if (client.raiseAppExceptions()) {
                        if (f.failure() != null) {
                            throw ApplicationFailedException.rethrow(f.failure());
                        }
                        throw new AssertionError("the application returned before its decline response was complete"
                                + " (the last sse.http.response.body had more=true); a server aborts the connection,"
                                + " so the client sees a truncated response");
                    }
                    ending = Optional.of("the application declined the stream with " + status);
                    return;
                }
                case AppCall.Signal.Sent s -> {
                    if (s.event() instanceof SseHttpResponseBody piece) {
                        body = body.concat(piece.body());
                        if (!piece.more()) {
                            ending = Optional.of("the application declined the stream with " + status);
                        }
                    }
                }
            }
        }
        // The response is complete and the server closes the connection. No sse.disconnect follows a decline, so
        // the application must return rather than wait for one.
        Throwable failure = call.awaitFinish("after it declined the SSE stream").failure();
        if (failure != null && client.raiseAppExceptions()) {
            throw ApplicationFailedException.rethrow(failure);
        }
    }

    private void unanswered(Throwable failure) {
        if (client.raiseAppExceptions()) {
            if (failure != null) {
                throw ApplicationFailedException.rethrow(failure);
            }
            throw new AssertionError("the application returned without sending sse.start or declining the stream"
                    + " (a server answers 500)");
        }
        declined = true;
        status = Backstop.STATUS;
        headers = Backstop.HEADERS;
        body = Backstop.BODY;
        ending = Optional.of("the application returned without starting the stream; the server answered 500");
    }

    /** @return the next event, waiting up to the client's timeout */
    public SseMessage next() {
        return next(client.timeout());
    }

    /**
     * @return the next event ({@code sse.send}), skipping comments and keepalive settings
     * @throws AssertionError if the stream ended (or was declined) instead
     * @throws PagiTestTimeoutException if nothing comes within {@code wait}
     */
    public SseMessage next(Duration wait) {
        while (true) {
            if (ending.isPresent()) {
                throw new AssertionError("expected an event, but the stream ended (" + ending.get() + ")");
            }
            Optional<SseMessage> message = step(wait, "sse.send");
            if (message.isPresent()) {
                return message.get();
            }
        }
    }

    /** @return the next {@code count} events, in order */
    public List<SseMessage> take(int count) {
        List<SseMessage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return List.copyOf(out);
    }

    /**
     * Waits until the stream ends: the application sends {@code sse.close} or returns.
     *
     * @throws AssertionError if an event comes first
     * @throws PagiTestTimeoutException if the stream does not end within the client's timeout
     */
    public void awaitEnd() {
        while (ending.isEmpty()) {
            Optional<SseMessage> message = step(client.timeout(),
                    "the end of the stream (sse.close, or the application returning)");
            if (message.isPresent()) {
                throw new AssertionError("expected the stream to end, got an event: " + message.get());
            }
        }
    }

    /** Reads one signal; returns the event it carried, or empty after recording anything else. */
    private Optional<SseMessage> step(Duration wait, String waitingFor) {
        if (clientClosed) {
            throw new IllegalStateException("the client closed this stream; nothing more can be read");
        }
        switch (call.next(wait, waitingFor)) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> appReturned(f.failure());
            case AppCall.Signal.Sent s -> {
                Event event = s.event();
                switch (event) {
                    case SseSend send -> {
                        SseMessage message = SseMessage.from(send);
                        // WHATWG: an id field sets the last event ID; an event without one keeps the previous ID.
                        message.id().ifPresent(id -> lastEventId = id);
                        return Optional.of(message);
                    }
                    case SseComment c -> comments.add(c.comment());
                    case SseKeepalive k -> keepalive = Optional.of(k);
                    case SseClose c ->
                        ending = Optional.of(c.reason().isEmpty() ? "sse.close" : "sse.close \"" + c.reason() + "\"");
                    // The order rules fail a second sse.start and decline events once streaming.
                    default -> throw new AssertionError("unexpected " + event.type() + " on a started stream");
                }
            }
        }
        return Optional.empty();
    }

    private void appReturned(Throwable failure) {
        if (failure != null && client.raiseAppExceptions()) {
            failureReported = true;
            throw ApplicationFailedException.rethrow(failure);
        }
        if (ending.isEmpty()) {
            ending = Optional.of(failure == null ? "the application returned"
                    : "the application failed (" + failure + "); a server aborts the stream");
        }
    }

    /** @return whether the application declined the stream (or, server-like, returned without starting it) */
    public boolean declined() {
        return declined;
    }

    /** @return the status of {@code sse.start}, or of the decline response */
    public int status() {
        return status;
    }

    /** @return the headers the application sent with {@code sse.start} or the decline response */
    public Headers headers() {
        return headers;
    }

    /** @return the whole decline response body; empty for a stream that started */
    public Bytes body() {
        return body;
    }

    /** @return the comments read so far, in order, as the application sent them */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** @return the last {@code sse.keepalive} read so far (the last one wins, as on a server) */
    public Optional<SseKeepalive> keepalive() {
        return keepalive;
    }

    /**
     * @return the last event ID as an {@code EventSource} tracks it, which it would send as {@code last-event-id}
     *         when reconnecting; empty if no event set one, or the last one set it empty
     */
    public Optional<String> lastEventId() {
        return lastEventId.isEmpty() ? Optional.empty() : Optional.of(lastEventId);
    }

    /**
     * @return whether the stream has ended as far as the test has read it: declined, {@code sse.close}, the
     *         application returned, or the client closed it
     */
    public boolean isClosed() {
        return ending.isPresent() || clientClosed;
    }

    /** @return the scope the application was called with */
    public SseScope scope() {
        return scope;
    }

    /**
     * The client goes away: the application receives {@code sse.disconnect} with {@code client_closed} and its
     * later sends are no-ops; then waits for it to return (an application that ignores the disconnect is
     * interrupted after the timeout). Does nothing the second time.
     *
     * @throws RuntimeException what the application failed with, or an order violation it committed, if the
     *                          test has not seen it yet
     */
    public void disconnect() {
        if (clientClosed) {
            return;
        }
        clientClosed = true;
        if (!call.isFinished()) {
            call.disconnect(new SseDisconnect(DisconnectReason.CLIENT_CLOSED));
        }
        Optional<Throwable> failure = Settle.awaitReturn(call, "after the client closed the SSE stream");
        if (failure.isPresent() && client.raiseAppExceptions() && !failureReported) {
            failureReported = true;
            throw ApplicationFailedException.rethrow(failure.get());
        }
    }

    /** Same as {@link #disconnect()}: the client goes away, and the application is given time to return. */
    @Override
    public void close() {
        disconnect();
    }
}
