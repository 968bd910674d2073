package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class HeadTest {

    /** Streams "one two" in two events, naming the method it saw and the original one in headers. */
    private static final Application STREAMED = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain", "content-length", "7",
                        "x-method", http.method(), "x-original", http.attribute(Head.ORIGINAL_METHOD).orElse("-")
                                .toString())))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("one "), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("two"))));
    };

    /** The events the middleware sends towards the server, for the request the client makes. */
    private static List<Event> sent(Head head, String method) {
        List<Event> events = new CopyOnWriteArrayList<>();
        Application wrapped = head.wrap(STREAMED);
        Application recording = (scope, receive, send) -> wrapped.call(scope, receive, e -> {
            events.add(e);
            return send.send(e);
        });
        TestClient client = TestClient.of(recording);
        (method.equals("HEAD") ? client.head("/") : client.get("/")).send();
        return events;
    }

    @Test
    void headReachesTheApplicationAsGetAndEveryBodyEventIsDropped() {
        List<Event> events = sent(Head.builder().build(), "HEAD");
        assertEquals(2, events.size(), "start, then one empty end for the two streamed chunks: " + events);
        HttpResponseStart start = (HttpResponseStart) events.get(0);
        assertEquals("GET", start.headers().first("x-method").orElseThrow());
        assertEquals("HEAD", start.headers().first("x-original").orElseThrow());
        assertEquals("7", start.headers().first("content-length").orElseThrow(), "GET's length is kept");
        assertEquals(HttpResponseBody.last(Bytes.empty()), events.get(1));
    }

    @Test
    void withoutAsGetTheApplicationSeesHeadAndOnlyTheBodyIsDropped() {
        List<Event> events = sent(Head.builder().asGet(false).build(), "HEAD");
        HttpResponseStart start = (HttpResponseStart) events.get(0);
        assertEquals("HEAD", start.headers().first("x-method").orElseThrow());
        assertEquals("-", start.headers().first("x-original").orElseThrow());
        assertEquals(List.of(HttpResponseBody.last(Bytes.empty())), events.subList(1, events.size()));
    }

    @Test
    void getStaysStreamedAndUntouched() {
        List<Event> events = sent(Head.builder().build(), "GET");
        assertEquals(3, events.size());
        assertEquals("GET", ((HttpResponseStart) events.get(0)).headers().first("x-method").orElseThrow());
        TestResponse res = TestClient.of(Head.builder().build().wrap(STREAMED)).get("/").send();
        assertEquals("one two", res.text());
        assertEquals("", TestClient.of(Head.builder().build().wrap(STREAMED)).head("/").send().text());
    }

    @Test
    void otherMethodsAndScopeTypesPassThrough() {
        PassThrough.untouched(Head.builder().build(), PassThrough.Kind.values());
    }
}
