package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

class JsonBodyTest {

    /** A record the handler decodes the replayed body into. */
    record Item(String name, int qty) {
    }

    /** Answers the parsed tree from the scope, then the body decoded again by the handler's own Request. */
    private static Application show(AtomicInteger calls) {
        return (scope, receive, send) -> {
            calls.incrementAndGet();
            HttpScope http = (HttpScope) scope;
            String parsed = http.attribute(JsonBody.PARSED_BODY).map(Object::toString).orElse("-");
            Request request = Request.of(http, receive);
            var again = parsed.startsWith("{") ? request.json(Item.class).thenApply(Item::toString) : request.text();
            return again.thenCompose(a -> Response.text(parsed + " | " + a).respond(scope, send));
        };
    }

    @Test
    void jsonIsParsedIntoTheScopeAndTheBodyStaysReadable() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(JsonBody.builder().build().wrap(show(calls)));
        assertEquals("{name=pen, qty=2} | Item[name=pen, qty=2]", client.post("/")
                .body(Bytes.utf8("{\"name\":\"pen\",\"qty\":2}"), "application/json").send().text());
        assertEquals("[1, 2] | [1,2]", client.post("/").body(Bytes.utf8("[1,2]"), "application/vnd.api+json")
                .send().text());
        assertEquals("null | null", client.post("/").body(Bytes.utf8("null"), "application/json").send().text());
        assertEquals("- | {not json", client.post("/").text("{not json").send().text(), "other types pass");
        assertEquals(4, calls.get());
    }

    @Test
    void malformedJsonIs400AndOverTheLimit413WithoutCallingTheApplication() {
        AtomicInteger calls = new AtomicInteger();
        TestClient client = TestClient.of(JsonBody.builder().limits(BodyLimits.DEFAULTS.withMaxBodyBytes(16))
                .build().wrap(show(calls)));
        TestResponse bad = client.post("/").body(Bytes.utf8("{\"a\":"), "application/json").send();
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("line"), bad.text());
        assertEquals(413, client.post("/").body(Bytes.utf8("[\"seventeen bytes\"]"), "application/json").send()
                .status());
        assertEquals(0, calls.get());
    }

    @Test
    void headAndAStreamedResponsePassUntouched() {
        TestClient client = TestClient.of(JsonBody.builder().build().wrap(SecurityHeadersTest.streamed()));
        TestResponse res = client.post("/").json(List.of(1)).send();
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty())
                .toList());
        assertEquals(200, client.head("/").send().status());
        PassThrough.untouched(JsonBody.builder().build(), PassThrough.Kind.values());
    }
}
