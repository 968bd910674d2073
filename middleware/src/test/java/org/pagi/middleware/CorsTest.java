package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

class CorsTest {

    private static final String SITE = "https://app.example.com";

    /** Counts calls; answers 200 "hi", or 401 on /private (an auth wall a preflight must not meet). */
    private static final class Inner implements Application {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public java.util.concurrent.CompletionStage<Void> call(org.pagi.spec.Scope scope, org.pagi.spec.Receive receive,
                                                               org.pagi.spec.Send send) {
            calls.incrementAndGet();
            HttpScope http = (HttpScope) scope;
            if (http.path().equals("/private")) {
                return Response.text("no").withStatus(401).respond(scope, send);
            }
            return Response.text("hi " + http.method()).respond(scope, send);
        }
    }

    private static TestResponse preflight(TestClient client, String path, String origin) {
        return client.options(path).header("origin", origin).header("access-control-request-method", "PUT")
                .header("access-control-request-headers", "content-type").send();
    }

    @Test
    void preflightIsAnsweredWithoutCallingTheApplicationWithUpstreamDefaults() {
        Inner inner = new Inner();
        TestClient client = TestClient.of(Cors.builder().build().wrap(inner));
        TestResponse res = preflight(client, "/private", SITE);
        assertEquals(204, res.status());
        assertEquals("*", res.header("access-control-allow-origin").orElseThrow());
        assertEquals("GET, POST, PUT, DELETE, PATCH, OPTIONS",
                res.header("access-control-allow-methods").orElseThrow());
        assertEquals("Content-Type, Authorization, X-Requested-With",
                res.header("access-control-allow-headers").orElseThrow());
        assertEquals("86400", res.header("access-control-max-age").orElseThrow());
        assertEquals("Origin", res.header("vary").orElseThrow());
        assertFalse(res.headers().contains("access-control-allow-credentials"));
        assertEquals("", res.text());
        assertEquals(0, inner.calls.get(), "routing and auth never see a preflight");
    }

    @Test
    void otherOptionsRequestsReachTheApplication() {
        Inner inner = new Inner();
        TestClient client = TestClient.of(Cors.builder().origins(SITE).build().wrap(inner));
        assertEquals("hi OPTIONS", client.options("/").send().text(), "no Origin: plain OPTIONS");
        TestResponse withOrigin = client.options("/").header("origin", SITE).send();
        assertEquals("hi OPTIONS", withOrigin.text(), "Origin but no Access-Control-Request-Method");
        assertEquals(SITE, withOrigin.header("access-control-allow-origin").orElseThrow());
        assertEquals(2, inner.calls.get());
    }

    @Test
    void onlyListedOriginsAreReflectedAndOthersKeepTheirStatusWithoutCorsHeaders() {
        Inner inner = new Inner();
        TestClient client = TestClient.of(Cors.builder().origins(SITE, "http://localhost:3000")
                .exposeHeaders("X-Total").build().wrap(inner));
        TestResponse ok = client.get("/").header("origin", "http://localhost:3000").send();
        assertEquals("http://localhost:3000", ok.header("access-control-allow-origin").orElseThrow());
        assertEquals("X-Total", ok.header("access-control-expose-headers").orElseThrow());
        assertEquals("Origin", ok.header("vary").orElseThrow());

        for (String other : List.of("https://evil.example", "https://app.example.com.evil.example", "null",
                "HTTPS://APP.EXAMPLE.COM")) {
            TestResponse denied = client.get("/private").header("origin", other).send();
            assertEquals(401, denied.status(), other);
            assertEquals("no", denied.text(), other);
            assertTrue(denied.headers().stream().noneMatch(h -> h.name().startsWith("access-control-")), other);
            assertEquals("Origin", denied.header("vary").orElseThrow(), other);
            TestResponse deniedPreflight = preflight(client, "/", other);
            assertEquals(204, deniedPreflight.status());
            assertTrue(deniedPreflight.headers().stream().noneMatch(h -> h.name().startsWith("access-control-")));
        }
        TestResponse noOrigin = client.get("/").send();
        assertEquals("Origin", noOrigin.header("vary").orElseThrow(), "Vary: Origin is always there");
        assertFalse(noOrigin.headers().contains("access-control-allow-origin"));
    }

    @Test
    void credentialsReflectTheOriginAndNeverAWildcard() {
        Inner inner = new Inner();
        Cors cors = Cors.builder().originMatcher(o -> o.endsWith(".trusted.example") && o.startsWith("https://"))
                .credentials(true).methods("get", "PUT").allowHeaders("X-Csrf").maxAgeSeconds(600).build();
        TestClient client = TestClient.of(cors.wrap(inner));
        TestResponse pre = preflight(client, "/", "https://a.trusted.example");
        assertEquals("https://a.trusted.example", pre.header("access-control-allow-origin").orElseThrow());
        assertEquals("true", pre.header("access-control-allow-credentials").orElseThrow());
        assertEquals("GET, PUT", pre.header("access-control-allow-methods").orElseThrow());
        assertEquals("X-Csrf", pre.header("access-control-allow-headers").orElseThrow());
        assertEquals("600", pre.header("access-control-max-age").orElseThrow());
        TestResponse actual = client.get("/").header("origin", "https://b.trusted.example").send();
        assertEquals("https://b.trusted.example", actual.header("access-control-allow-origin").orElseThrow());
        assertEquals("true", actual.header("access-control-allow-credentials").orElseThrow());
        assertTrue(actual.headers().stream().filter(h -> h.name().startsWith("access-control-"))
                .noneMatch(h -> h.text().equals("*")));
        assertFalse(client.get("/").header("origin", "http://a.trusted.example").send().headers()
                .contains("access-control-allow-origin"));
    }

    @Test
    void insecureOrContradictoryConfigurationIsRefusedNamingTheOption() {
        assertMessage("origins(\"*\")", () -> Cors.builder().credentials(true).build());
        assertMessage("origins(\"*\")", () -> Cors.builder().origins("*").credentials(true).build());
        assertMessage("allowHeaders(\"*\")", () -> Cors.builder().origins(SITE).allowHeaders("*").credentials(true).build());
        assertMessage("methods(\"*\")", () -> Cors.builder().origins(SITE).methods("*").credentials(true).build());
        assertMessage("exposeHeaders(\"*\")", () -> Cors.builder().origins(SITE).exposeHeaders("*").credentials(true).build());
        assertMessage("origins: 'null'", () -> Cors.builder().origins("null"));
        assertMessage("origins: 'https://a.example/'", () -> Cors.builder().origins("https://a.example/"));
        assertMessage("origins: no origin", () -> Cors.builder().origins().build());
        assertMessage("maxAgeSeconds", () -> Cors.builder().maxAgeSeconds(-1));
        assertMessage("allowHeaders: 'a b'", () -> Cors.builder().allowHeaders("a b"));
        assertTrue(Cors.builder().origins("*").originMatcher(o -> false).build().config().anyOrigin(),
                "an explicit '*' stays whatever the order");
        assertFalse(Cors.builder().originMatcher(o -> true).build().config().anyOrigin(),
                "a matcher replaces the default any-origin");
        assertMessage("origins(\"*\")", () -> Cors.builder().origins("*").originMatcher(o -> true).credentials(true).build());
        Cors wildcardWithout = Cors.builder().allowHeaders("*").build();
        assertEquals(List.of("*"), wildcardWithout.config().allowHeaders(), "'*' is fine without credentials");
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable build) {
        RuntimeException e = (RuntimeException) assertThrows(RuntimeException.class, build);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void theApplicationsOwnCorsHeadersAreReplacedAndItsVaryKept() {
        Application app = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.of(
                        "access-control-allow-origin", "*", "vary", "Accept-Encoding, origin")))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("x"))));
        TestResponse res = TestClient.of(Cors.builder().origins(SITE).build().wrap(app)).get("/")
                .header("origin", SITE).send();
        assertEquals(List.of(SITE), res.headers().all("access-control-allow-origin"));
        assertEquals(List.of("Accept-Encoding, origin"), res.headers().all("vary"));
    }

    @Test
    void headAndStreamedResponsesGetTheHeadersAndEveryBodyEventAsSent() {
        Application streamed = (scope, receive, send) -> send.send(new HttpResponseStart(200,
                        Headers.of("content-type", "text/plain")))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("a"), true)))
                .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8("b"), true)))
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("c"))));
        TestClient client = TestClient.of(Cors.builder().origins(SITE).build().wrap(streamed));
        TestResponse res = client.get("/").header("origin", SITE).send();
        assertEquals(List.of("a", "b", "c"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        assertEquals(SITE, res.header("access-control-allow-origin").orElseThrow());
        TestResponse head = TestClient.of(Cors.builder().origins(SITE).build().wrap(new Inner())).head("/")
                .header("origin", SITE).send();
        assertEquals(SITE, head.header("access-control-allow-origin").orElseThrow());
        assertEquals("", head.text());
    }

    @Test
    void anEventSourceGetsTheHeadersAndWebSocketAndLifespanPassThrough() {
        Application sse = (scope, receive, send) -> send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data("t")));
        Cors cors = Cors.builder().origins(SITE).credentials(true).build();
        try (var stream = TestClient.of(cors.wrap(sse)).sse("/events").header("origin", SITE).open()) {
            assertEquals("t", stream.next().data());
            assertEquals(SITE, stream.headers().first("access-control-allow-origin").orElseThrow());
            assertEquals("true", stream.headers().first("access-control-allow-credentials").orElseThrow());
            assertEquals("Origin", stream.headers().first("vary").orElseThrow());
        }
        PassThrough.untouched(cors, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.LIFESPAN);
    }
}
