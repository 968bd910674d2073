package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.request.BodyLimits;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

class MethodOverrideTest {

    /** Answers "METHOD from ORIGINAL"; for a form body also the fields it reads itself, proving the body replays. */
    private static final Application SHOW = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        String head = http.method() + " from " + http.attribute(MethodOverride.ORIGINAL_METHOD).orElse("-");
        Request request = Request.of(http, receive);
        boolean form = request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded");
        if (form) {
            return request.form().thenCompose(f -> Response.text(head + " " + f.asMap()).respond(scope, send));
        }
        return request.text().thenCompose(body -> Response.text(head + (body.isEmpty() ? "" : " " + body))
                .respond(scope, send));
    };

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private final TestClient client = TestClient.of(MethodOverride.builder().build().wrap(SHOW));

    @Test
    void theHeaderTheQueryAndTheFormFieldEachOverrideAPostWithUpstreamDefaults() {
        assertEquals("DELETE from POST", client.post("/").header("x-http-method-override", "delete").send().text());
        assertEquals("PUT from POST", client.post("/?_method=PUT").send().text());
        assertEquals("PATCH from POST {_method=[patch], name=[x]}",
                client.post("/").form(fields("_method", "patch", "name", "x")).send().text(),
                "the handler reads the very form the middleware read");
        assertEquals("DELETE from POST {_method=[put]}", client.post("/?_method=delete")
                .form(fields("_method", "put")).send().text(), "the query wins over the body");
        assertEquals("PATCH from POST", client.post("/?_method=delete").header("x-http-method-override", "PATCH")
                .send().text(), "the header wins over the query");
    }

    @Test
    void aFormBodyInSeveralEventsIsReadAndReplayed() {
        TestResponse res = client.post("/").header("content-type", "application/x-www-form-urlencoded")
                .bodyChunks(List.of(Bytes.utf8("a=1&_met"), Bytes.utf8("hod=DELETE"), Bytes.utf8("&b=2"))).send();
        assertEquals("DELETE from POST {a=[1], _method=[DELETE], b=[2]}", res.text());
    }

    @Test
    void safeUnknownOrDisallowedTargetsAndOtherMethodsAreLeftAlone() {
        for (String target : List.of("GET", "head", "TRACE", "CONNECT", "OPTIONS", "POST", "BREW", "")) {
            assertEquals("POST from -", client.post("/").header("x-http-method-override", target).send().text(), target);
        }
        assertEquals("POST from - {_method=[get]}", client.post("/").form(fields("_method", "get")).send().text());
        assertEquals("GET from -", client.get("/?_method=DELETE").header("x-http-method-override", "DELETE").send().text());
        assertEquals("PUT from -", client.put("/?_method=DELETE").send().text());
        TestResponse head = client.head("/?_method=DELETE").header("x-http-method-override", "DELETE").send();
        assertEquals(200, head.status());
        assertEquals("", head.text(), "HEAD stays HEAD: no body");
        assertEquals("POST from - {\"_method\":\"DELETE\"}", client.post("/").json(Map.of("_method", "DELETE"))
                .send().text(), "only url-encoded bodies are read");
    }

    @Test
    void aFormOverTheBodyLimitsLeavesThePostAndTheHandlerMeetsTheLimitItself() {
        Application handler = (scope, receive, send) -> Request.of(scope, receive).form()
                .handle((f, e) -> e instanceof CompletionException c ? c.getCause() : e)
                .thenCompose(e -> Response.text(((HttpScope) scope).method() + " " + e.getClass().getSimpleName())
                        .respond(scope, send));
        TestClient limited = TestClient.of(BodyLimits.DEFAULTS.withMaxBodyBytes(8).middleware()
                .wrap(MethodOverride.builder().build().wrap(handler)));
        assertEquals("POST PayloadTooLargeException", limited.post("/").form(fields("_method", "DELETE")).send().text());
    }

    @Test
    void optionsNarrowWhatIsReadAndWhatIsAllowed() {
        TestClient headerOnly = TestClient.of(MethodOverride.builder().checkParam(false).header("X-Method")
                .allowedMethods("delete", "PURGE").build().wrap(SHOW));
        assertEquals("PURGE from POST", headerOnly.post("/").header("x-method", "purge").send().text());
        assertEquals("POST from -", headerOnly.post("/?_method=DELETE").send().text());
        assertEquals("POST from - {_method=[DELETE]}", headerOnly.post("/").form(fields("_method", "DELETE")).send().text());
        assertEquals("POST from -", headerOnly.post("/").header("x-method", "PUT").send().text(), "PUT not allowed");

        TestClient paramOnly = TestClient.of(MethodOverride.builder().checkHeader(false).param("verb").build()
                .wrap(SHOW));
        assertEquals("POST from -", paramOnly.post("/").header("x-http-method-override", "PUT").send().text());
        assertEquals("PUT from POST", paramOnly.post("/?verb=put").send().text());
        assertEquals("POST from -", paramOnly.post("/?_method=put").send().text());
    }

    @Test
    void unsafeOrEmptyConfigurationIsRefusedNamingTheOption() {
        for (String m : List.of("GET", "head", "CONNECT", "Trace")) {
            var e = assertThrows(IllegalArgumentException.class, () -> MethodOverride.builder().allowedMethods("PUT", m));
            assertTrue(e.getMessage().startsWith("allowedMethods"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalStateException.class, () -> MethodOverride.builder().checkHeader(false)
                .checkParam(false).build()).getMessage().contains("checkHeader"));
        assertTrue(assertThrows(IllegalStateException.class, () -> MethodOverride.builder().allowedMethods().build())
                .getMessage().startsWith("allowedMethods"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodOverride.builder().allowedMethods("P T"))
                .getMessage().startsWith("allowedMethods"));
    }

    @Test
    void aStreamedResponseIsForwardedEventByEventAndOtherScopesPassThrough() {
        Application streamed = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("x-method", ((HttpScope) scope).method())))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("a"), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        TestResponse res = TestClient.of(MethodOverride.builder().build().wrap(streamed)).post("/?_method=delete").send();
        assertEquals("DELETE", res.header("x-method").orElseThrow());
        assertEquals("HEAD", TestClient.of(MethodOverride.builder().build().wrap(streamed)).head("/?_method=delete")
                .header("x-http-method-override", "DELETE").send().header("x-method").orElseThrow(), "HEAD stays HEAD");
        assertEquals(List.of("a", "b"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        PassThrough.untouched(MethodOverride.builder().build(), PassThrough.Kind.values());
    }
}
