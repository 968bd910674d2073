package org.pagi.testing.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.EventOrder;
import org.pagi.spec.order.HttpOrder;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.spec.order.Verdict;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.InvalidRequestException;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/** The examples of spec/docs/server.md. */
class SpecServerExamplesTest {

    @Test
    void buildingAScope() {
        // snippet: server.scope-factory
        RequestHead head = new RequestHead("GET", Bytes.ascii("/feed/caf%C3%A9?since=42"), "1.1", Headers.of(
                "host", "example.com", "accept", "text/event-stream", "cookie", "a=1", "cookie", "b=2"));
        ConnectionInfo connection = new ConnectionInfo(true, Optional.of(Endpoint.of("203.0.113.7", 51000)),
                Optional.of(Endpoint.of("192.0.2.1", 443)), "");
        State lifespanState = new State();

        ScopeFactory.Kind kind = ScopeFactory.classify(head); // SSE: the accept header asks for a stream
        RequestInfo request = ScopeFactory.requestInfo(head, connection, kind);
        SseScope scope = ScopeFactory.sse(request, lifespanState, Extensions.none(), new FlowTracker());

        assertEquals(ScopeFactory.Kind.SSE, kind);
        assertEquals("https", scope.scheme());
        assertEquals("/feed/caf\u00e9", scope.path());
        assertEquals(Bytes.ascii("since=42"), scope.queryString());
        assertEquals(List.of("a=1; b=2"), scope.headers().all("cookie"));

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> ScopeFactory.requestInfo(
                new RequestHead("GET", Bytes.ascii("/page#top"), "1.1", Headers.empty()), connection, kind));
        assertEquals(400, refused.status()); // answered by the server; the application is never called
        // end-snippet
    }

    @Test
    void drivingTheOrderMachine() {
        // snippet: server.order
        EventOrder order = new HttpOrder(false); // what EventOrder.forScope gives an http scope without fullflush
        order.received(new HttpRequest(Bytes.empty(), false)); // handed to the application
        assertEquals(Verdict.DELIVER, order.send(new HttpResponseStart(200, Headers.empty())));
        assertThrows(IllegalEventOrderException.class, () -> order.send(new HttpResponseStart(200, Headers.empty())));
        assertThrows(IllegalArgumentException.class, () -> order.send(new HttpFullFlush())); // not advertised
        order.peerDisconnected(); // the client went away
        assertEquals(Verdict.IGNORE, order.send(HttpResponseBody.last(Bytes.utf8("late")))); // a no-op
        assertEquals(Ending.DISCONNECTED, order.finish()); // nothing owed, nothing to log
        // end-snippet
    }

    @Test
    void reportingToTheConnectionTracker() {
        // snippet: server.connection-tracker
        ConnectionTracker tracker = new ConnectionTracker(); // one per http request
        List<String> steps = new ArrayList<>();
        tracker.disconnectFuture().thenAccept(reason -> steps.add("future: " + reason));
        tracker.onDisconnect(reason -> steps.add("callback: " + reason + ", connected=" + tracker.isConnected()));
        tracker.onComplete(() -> steps.add("never: the request ends abnormally"));
        tracker.markResponseStarted();
        if (tracker.disconnect(DisconnectReason.WRITE_ERROR)) {
            steps.add("queue http.disconnect"); // only now, after the state and the callbacks
        }
        assertEquals(List.of("future: write_error", "callback: write_error, connected=false",
                "queue http.disconnect"), steps);
        assertFalse(tracker.markResponseComplete()); // the request already ended
        // end-snippet
        assertTrue(tracker.responseStarted());
        assertFalse(tracker.responseComplete());
    }
}
