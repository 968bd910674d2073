package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

class RequestIdTest {

    /** Answers with the id it found in the scope. */
    static final Application ECHO_ID = (scope, receive, send) ->
            Response.text(RequestId.of(scope).orElse("none")).respond(scope, send);

    @Test
    void eachRequestGetsAFreshUrlSafeIdInTheHeaderAndTheScope() {
        TestClient client = TestClient.of(RequestId.builder().build().wrap(ECHO_ID));
        TestResponse one = client.get("/").send();
        TestResponse two = client.get("/").send();
        String id = one.header("x-request-id").orElseThrow();
        assertEquals(id, one.text(), "the application sees the id the client gets");
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertNotEquals(id, two.header("x-request-id").orElseThrow());
    }

    @Test
    void incomingIdsAreIgnoredByDefault() {
        TestClient client = TestClient.of(RequestId.builder().build().wrap(ECHO_ID));
        TestResponse res = client.get("/").header("x-request-id", "abc-123").send();
        assertNotEquals("abc-123", res.text());
        assertEquals(List.of(res.text()), res.headers().all("x-request-id"), "one header, the fresh id");
    }

    @Test
    void aTrustedIncomingIdIsKeptOnlyWhenSafe() {
        TestClient client = TestClient.of(RequestId.builder().trustIncoming(true).maxLength(40).header("X-Trace")
                .build().wrap(ECHO_ID));
        assertEquals("abc-123.x:y/z=@~+_", client.get("/").header("x-trace", "abc-123.x:y/z=@~+_").send().text());
        for (String unsafe : List.of("a b", "a\tb", "evil\u001b[31m", "a\u0001", "a\u007f", "\"quoted\"", "x".repeat(41),
                "caf\u00e9", "")) {
            TestResponse res = client.get("/").header("x-trace", unsafe).send();
            assertNotEquals(unsafe, res.text(), unsafe);
            assertTrue(res.text().matches("[A-Za-z0-9_-]{22}"), unsafe);
            assertEquals(res.text(), res.header("x-trace").orElseThrow());
        }
        assertEquals("x".repeat(40), client.get("/").header("x-trace", "x".repeat(40)).send().text());
    }

    @Test
    void aCustomGeneratorIsUsedAndAnUnsafeOneFailsTheRequest() {
        AtomicInteger n = new AtomicInteger();
        TestClient client = TestClient.of(RequestId.builder().generator(() -> "req-" + n.incrementAndGet()).build()
                .wrap(ECHO_ID));
        assertEquals("req-1", client.get("/").send().text());
        assertEquals("req-2", client.get("/").send().header("x-request-id").orElseThrow());
        TestClient bad = TestClient.of(RequestId.builder().generator(() -> "a\nb").build().wrap(ECHO_ID));
        var e = assertThrows(IllegalStateException.class, () -> bad.get("/").send());
        assertTrue(e.getMessage().startsWith("generator"), e.getMessage());
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestId.builder().maxLength(0))
                .getMessage().startsWith("maxLength"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestId.builder().header("x id"))
                .getMessage().startsWith("header"));
    }

    @Test
    void headStreamedAndSseResponsesCarryTheIdAndOtherScopesPassThrough() {
        RequestId ids = RequestId.builder().build();
        Application streamed = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("x-request-id", "app-set")))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("a"), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        TestResponse res = TestClient.of(ids.wrap(streamed)).get("/").send();
        assertEquals("ab", res.text());
        assertEquals(1, res.headers().all("x-request-id").size(), "the middleware's id replaces the app's");
        assertNotEquals("app-set", res.header("x-request-id").orElseThrow());

        TestResponse head = TestClient.of(ids.wrap(ECHO_ID)).head("/").send();
        assertTrue(head.header("x-request-id").isPresent());
        assertEquals("", head.text());

        Application sse = (scope, receive, send) -> send.send(new SseStart())
                .thenCompose(v -> send.send(SseSend.data(RequestId.of(scope).orElseThrow())));
        try (var stream = TestClient.of(ids.wrap(sse)).sse("/").open()) {
            assertEquals(stream.headers().first("x-request-id").orElseThrow(), stream.next().data());
        }
        PassThrough.untouched(ids, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.LIFESPAN);
    }
}
