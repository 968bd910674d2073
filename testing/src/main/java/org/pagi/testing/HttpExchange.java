package org.pagi.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.server.BodySources;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/**
 * One HTTP request through an application, seen from the client: pushes the request body as
 * {@code http.request} events, reads the response events as they come, keeps {@code pagi.connection} true to
 * what happened, and applies the server's rules where a test would otherwise see something no client ever
 * could (a HEAD body, a 500 backstop).
 *
 * <p>Used from one test thread at a time.
 */
final class HttpExchange {
    private final TestClient client;
    private final boolean head;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final AppCall call;
    private final HttpScope scope;
    private final List<Bytes> chunks = new ArrayList<>();
    private int status;
    private Headers headers = Headers.empty();
    private Headers trailers = Headers.empty();
    private boolean started;
    private boolean complete;
    private boolean aborted;
    private boolean bodyEnded;
    private boolean trailersDeclared;
    private boolean disconnected;

    private HttpExchange(TestClient client, boolean head, RequestInfo info) {
        this.client = client;
        this.head = head;
        this.scope = ScopeFactory.http(info, client.state(), client.extensions(), tracker, new FlowTracker());
        this.call = AppCall.create(scope, client.timeout(), HttpExchange::readBodySource, this::onDelivered);
    }

    static HttpExchange start(TestClient client, HttpRequestBuilder request, RequestHead head, List<Bytes> body,
            boolean open) {
        ScopeFactory.Kind kind = ScopeFactory.classify(head);
        if (kind != ScopeFactory.Kind.HTTP) {
            throw new IllegalArgumentException("a server gives this request a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " scope (see its Accept/Upgrade headers); use client." + (kind == ScopeFactory.Kind.SSE ? "sse" : "websocket")
                    + "(path) for it");
        }
        HttpExchange ex = new HttpExchange(client, head.method().equals("HEAD"), request.requestInfo(head, kind));
        if (!open) {
            if (body.isEmpty()) {
                ex.call.push(new HttpRequest(Bytes.empty(), false));
            }
            for (int i = 0; i < body.size(); i++) {
                ex.call.push(new HttpRequest(body.get(i), i < body.size() - 1));
            }
        }
        // Started after the body is queued, so an application called inline finds it there.
        ex.call.launch(client.app(), client.runInline());
        return ex;
    }

    /** Reads file and channel bodies on the application thread, so a missing file fails the send. */
    private static Event readBodySource(Event event) {
        return switch (event) {
            case HttpResponseFile f -> {
                try (var ch = BodySources.open(f)) {
                    yield new HttpResponseBody(BodySources.read(ch, f.offset(), f.length()), false);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            case HttpResponseChannel c -> new HttpResponseBody(BodySources.read(c.channel(), c.offset(), c.length()), false);
            default -> event;
        };
    }

    /** Runs on the application thread for each delivered send, before the send completes. */
    private void onDelivered(Event event) {
        if (event instanceof HttpResponseStart) {
            tracker.markResponseStarted();
        }
    }

    /** Waits for {@code http.response.start} (or what a server would send instead). */
    void awaitStart() {
        while (!started) {
            handle(call.next("http.response.start"));
        }
    }

    /**
     * @return the next body chunk; empty once the response is complete
     */
    Optional<Bytes> nextChunk(Duration wait) {
        awaitStart();
        while (!complete) {
            int before = chunks.size();
            handle(call.next(wait, bodyEnded ? "http.response.trailers" : "http.response.body"));
            if (chunks.size() > before) {
                return Optional.of(chunks.get(chunks.size() - 1));
            }
        }
        return Optional.empty();
    }

    private void handle(AppCall.Signal signal) {
        switch (signal) {
            case AppCall.Signal.Violation v -> throw v.error();
            case AppCall.Signal.Finished f -> finished(f.failure());
            case AppCall.Signal.Sent s -> sent(s.event());
        }
    }

    private void sent(Event event) {
        switch (event) {
            case HttpResponseStart s -> {
                started = true;
                status = s.status();
                headers = s.headers();
                trailersDeclared = s.trailers();
                client.cookies().store(scope.path(), client.secure(), s.headers());
            }
            case HttpResponseBody b -> {
                if (!head && !b.body().isEmpty()) {
                    chunks.add(b.body()); // a HEAD response carries no body on the wire, so none here either
                }
                if (!b.more()) {
                    bodyEnded = true;
                    if (!trailersDeclared) {
                        completed();
                    }
                }
            }
            case HttpResponseTrailers t -> {
                trailers = t.headers();
                completed();
            }
            default -> {
                // http.fullflush: nothing to do in memory.
            }
        }
    }

    private void completed() {
        complete = true;
        tracker.markResponseComplete();
        call.push(new HttpDisconnect()); // receive after the response yields http.disconnect
    }

    private void finished(Throwable failure) {
        if (disconnected) {
            complete = true;
            return;
        }
        if (failure != null && client.raiseAppExceptions()) {
            throw ApplicationFailedException.rethrow(failure);
        }
        if (!started) {
            if (client.raiseAppExceptions()) {
                throw new AssertionError("the application returned without sending http.response.start"
                        + " (a server answers 500 as a backstop; every request needs a response)");
            }
            backstop500();
            return;
        }
        if (!complete) {
            if (client.raiseAppExceptions()) {
                throw new AssertionError("the application returned before its response was complete (the last "
                        + (bodyEnded ? "body said trailers follow, but none came" : "http.response.body had more=true")
                        + "); a server aborts the connection so the client sees a broken response");
            }
            aborted = true;
            complete = true;
            tracker.disconnect(DisconnectReason.SERVER_ERROR);
        }
    }

    private void backstop500() {
        started = true;
        status = Backstop.STATUS;
        headers = Backstop.HEADERS;
        if (!head) {
            chunks.add(Backstop.BODY);
        }
        complete = true;
        tracker.markResponseStarted();
        tracker.disconnect(DisconnectReason.SERVER_ERROR);
    }

    /** Reads the rest of the response, then waits for the application to return. */
    TestResponse readAll() {
        while (nextChunk(client.timeout()).isPresent()) {
            // collect
        }
        if (!disconnected) {
            AppCall.Signal.Finished f = call.awaitFinish("after its response completed");
            if (f.failure() != null && client.raiseAppExceptions()) {
                throw ApplicationFailedException.rethrow(f.failure());
            }
        }
        return response();
    }

    TestResponse response() {
        return new TestResponse(status, headers, trailers, List.copyOf(chunks), aborted, List.of());
    }

    /** Pushes a piece of an open request body. */
    void writeBody(Bytes piece, boolean more) {
        call.push(new HttpRequest(piece, more));
    }

    /** The client goes away: {@code pagi.connection} reports it, then the application receives {@code http.disconnect}. */
    void disconnect() {
        if (disconnected || (complete && call.isFinished())) {
            return;
        }
        disconnected = true;
        if (tracker.disconnect(DisconnectReason.CLIENT_CLOSED)) {
            call.disconnect(new HttpDisconnect());
        } else {
            call.order().peerDisconnected();
        }
    }

    /** Disconnects if needed and waits for the application to return; interrupts it if it ignores the disconnect. */
    void close() {
        if (!complete) {
            disconnect();
        }
        Cancellation.awaitOrInterrupt(call, "after the client disconnected");
    }

    Duration timeout() {
        return client.timeout();
    }

    boolean isStarted() {
        return started;
    }

    boolean isComplete() {
        return complete;
    }

    int status() {
        return status;
    }

    Headers headers() {
        return headers;
    }

    HttpScope scope() {
        return scope;
    }

    ConnectionTracker connection() {
        return tracker;
    }
}
