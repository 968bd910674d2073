package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

class RuntimeTest {

    /** A clock the application advances: the runtime is whatever the handler spent before starting its response. */
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final LongSupplier clock = () -> {
        reads.incrementAndGet();
        return now.get();
    };

    private Application working(long nanos) {
        return (scope, receive, send) -> {
            now.addAndGet(nanos);
            return Response.text("done").respond(scope, send);
        };
    }

    @Test
    void theHandlersTimeToTheResponseStartIsInSecondsWithSixDecimals() {
        TestResponse res = TestClient.of(Runtime.builder().nanoClock(clock).build().wrap(working(12_345_678)))
                .get("/").send();
        assertEquals("0.012346", res.header("x-runtime").orElseThrow());
        assertEquals("done", res.text());
    }

    @Test
    void theDefaultClockGivesAPlausibleFigure() {
        TestResponse res = TestClient.of(Runtime.builder().build().wrap((scope, receive, send) ->
                Response.text("x").respond(scope, send))).get("/").send();
        String value = res.header("x-runtime").orElseThrow();
        assertTrue(value.matches("\\d+\\.\\d{6}"), value);
    }

    @Test
    void headerNameAndPrecisionAreOptions() {
        TestResponse res = TestClient.of(Runtime.builder().header("X-Response-Time").precision(3).nanoClock(clock)
                .build().wrap(working(1_500_000_000))).head("/").send();
        assertEquals("1.500", res.header("x-response-time").orElseThrow());
        assertTrue(res.header("x-runtime").isEmpty());
        assertEquals("", res.text(), "HEAD: no body");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Runtime.builder().precision(10)).getMessage()
                .startsWith("precision"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Runtime.builder().header("a:b")).getMessage()
                .startsWith("header"));
    }

    @Test
    void aStreamedBodyIsForwardedAsSentAndNotTimed() {
        Application streamed = (scope, receive, send) -> {
            now.addAndGet(2_000_000);
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> {
                        now.addAndGet(9_000_000_000L); // a long stream after the start does not count
                        return send.send(new HttpResponseBody(Bytes.utf8("a"), true));
                    })
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        };
        TestResponse res = TestClient.of(Runtime.builder().nanoClock(clock).build().wrap(streamed)).get("/").send();
        assertEquals("0.002000", res.header("x-runtime").orElseThrow());
        assertEquals(List.of("a", "b"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        assertEquals(2, reads.get(), "the clock is read at the call and at the start, never per body event");
    }

    @Test
    void otherScopeTypesPassThrough() {
        PassThrough.untouched(Runtime.builder().build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
    }
}
