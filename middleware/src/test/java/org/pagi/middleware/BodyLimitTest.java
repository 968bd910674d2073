package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.http.ClientError;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

class BodyLimitTest {

    /** Reads the body through {@code Request}; answers "limit read" or the client error's status and class. */
    private static Application reader(AtomicInteger calls) {
        return (scope, receive, send) -> {
            calls.incrementAndGet();
            long limit = BodyLimits.of((HttpScope) scope).maxBodyBytes();
            return Request.of((HttpScope) scope, receive).text().handle((text, failure) -> failure == null
                            ? Response.text(limit + " " + text)
                            : Response.text(cause(failure).getClass().getSimpleName())
                                    .withStatus(((ClientError) cause(failure)).status()))
                    .thenCompose(r -> r.respond(scope, send));
        };
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    @Test
    void aDeclaredLengthOverTheDefaultIsRefusedAt413WithoutCallingTheApplication() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(BodyLimit.builder().build().wrap(reader(calls)));
        TestResponse res = client.post("/").body(Bytes.of(new byte[(1 << 20) + 1])).send();
        assertEquals(413, res.status());
        assertTrue(res.text().contains("exceeds the limit of 1048576 bytes"), res.text());
        assertEquals(0, calls.get());
        assertEquals("1048576 ok", client.post("/").text("ok").send().text());
        assertEquals(413, client.head("/").header("content-length", "2000000").send().status());
        assertEquals(1, calls.get(), "only the small request reached the application");
    }

    @Test
    void theConfiguredLimitIsCheckedUpFrontAndUsedByTheHandlersReads() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(BodyLimit.builder().maxBodyBytes(10).build().wrap(reader(calls)));
        assertEquals(413, client.post("/").text("eleven byte").send().status());
        assertEquals(0, calls.get());
        assertEquals("10 ten bytes!", client.post("/").text("ten bytes!").send().text());
        TestResponse chunked = client.post("/").bodyChunks(List.of(Bytes.utf8("eleven"), Bytes.utf8(" byte")))
                .send();
        assertEquals(413, chunked.status(), "a chunked body is bounded by the handler's read");
        assertEquals("PayloadTooLargeException", chunked.text());
        assertEquals(2, calls.get());
        BodyLimits wide = BodyLimits.DEFAULTS.withMaxBodyBytes(20).withMaxFields(3);
        assertEquals(wide, BodyLimit.builder().limits(wide).build().config().limits());
    }

    @Test
    void anUnreadableContentLengthIs400() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(BodyLimit.builder().build().wrap(reader(calls)));
        TestResponse res = client.get("/").header("content-length", "ten").send();
        assertEquals(400, res.status());
        assertEquals(0, calls.get());
    }

    @Test
    void aStreamedResponseStaysStreamed() {
        TestResponse res = TestClient.of(BodyLimit.builder().build().wrap(SecurityHeadersTest.streamed()))
                .get("/").send();
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty())
                .toList());
    }

    @Test
    void aNegativeLimitIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> BodyLimit.builder().maxBodyBytes(-1));
        assertTrue(e.getMessage().startsWith("maxBodyBytes"), e.getMessage());
    }

    @Test
    void webSocketSseAndLifespanPassThrough() {
        PassThrough.untouched(BodyLimit.builder().build(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE,
                PassThrough.Kind.LIFESPAN);
    }
}
