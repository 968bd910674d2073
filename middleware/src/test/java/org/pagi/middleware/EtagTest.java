package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class EtagTest {

    private static final Headers TEXT = Headers.of("content-type", "text/plain");

    private static TestResponse get(Etag mw, Application app) {
        return TestClient.of(mw.wrap(app)).get("/").send();
    }

    @Test
    void aSingleEventBodyGetsAStrongTagFromItsHash() {
        Etag mw = Etag.builder().build();
        TestResponse a = get(mw, ScriptedResponse.of(200, TEXT, "hello"));
        String tag = a.header("etag").orElseThrow();
        assertTrue(tag.matches("\"[0-9a-f]{32}\""), tag);
        assertEquals("hello", a.text());
        assertEquals(Optional.of(tag), get(mw, ScriptedResponse.of(200, TEXT, "hello")).header("etag"), "same body, same tag");
        assertNotEquals(Optional.of(tag), get(mw, ScriptedResponse.of(200, TEXT, "hellp")).header("etag"), "other body, other tag");
        assertFalse(Etag.builder().build().config().weak(), "strong by default");
    }

    @Test
    void theWeakOptionMakesWeakTags() {
        String strong = get(Etag.builder().build(), ScriptedResponse.of(200, TEXT, "x")).header("etag").orElseThrow();
        assertEquals(Optional.of("W/" + strong), get(Etag.builder().weak(true).build(), ScriptedResponse.of(200, TEXT, "x")).header("etag"));
    }

    @Test
    void anExistingTagAndOtherStatusesAreLeftAlone() {
        Etag mw = Etag.builder().build();
        assertEquals(List.of("\"mine\""), get(mw, ScriptedResponse.of(200, TEXT.with("etag", "\"mine\""), "x")).headers().all("etag"));
        assertEquals(Optional.empty(), get(mw, ScriptedResponse.of(404, TEXT, "missing")).header("etag"));
        assertEquals(Optional.empty(), get(mw, ScriptedResponse.of(201, TEXT, "made")).header("etag"));
    }

    @Test
    void aStreamPassesThroughUntaggedAndUnbuffered() {
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Application streamed = (scope, receive, send) -> send.send(new HttpResponseStart(200, TEXT))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8("one "))))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("two"))));
        // Records what leaves the middleware: the start and the first chunk are out before the second is sent.
        Application outer = (scope, receive, send) -> Etag.builder().build().wrap(streamed).call(scope, receive, e -> {
            seen.add(e);
            return send.send(e);
        });
        TestResponse res = TestClient.of(outer).get("/").send();
        assertEquals(Optional.empty(), res.header("etag"));
        assertEquals("one two", res.text());
        assertEquals(List.of(new HttpResponseStart(200, TEXT), HttpResponseBody.chunk(Bytes.utf8("one ")),
                HttpResponseBody.last(Bytes.utf8("two"))), seen);
    }

    @Test
    void headPassesThroughBecauseItsEmptyBodyIsNotTheRepresentation() {
        Application head = ScriptedResponse.of(200, TEXT.with("content-length", "5"), "");
        TestResponse res = TestClient.of(Etag.builder().build().wrap(head)).head("/").send();
        assertEquals(200, res.status());
        assertEquals(Optional.empty(), res.header("etag"));
    }

    @Test
    void anSseStreamAndOtherScopeTypesPassThroughUntouched() {
        PassThrough.untouched(Etag.builder().build(), PassThrough.Kind.HTTP, PassThrough.Kind.WEBSOCKET,
                PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
