package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class HttpsRedirectTest {
    private static final HttpsRedirect DEFAULTS = HttpsRedirect.builder().build();

    private static TestClient plain(HttpsRedirect mw, String host) {
        return TestClient.builder(mw.wrap(SecurityHeadersTest.streamed())).host(host).followRedirects(false).build();
    }

    @Test
    void safeMethodsGet301AndOthers308KeepingPathAndQuery() {
        TestClient client = plain(DEFAULTS, "shop.example:8080");
        TestResponse get = client.get("/a%20b/c?x=1&y=%2F").send();
        assertEquals(301, get.status());
        assertEquals("https://shop.example/a%20b/c?x=1&y=%2F", get.header("location").orElseThrow());
        assertFalse(get.headers().contains("strict-transport-security"), "HSTS is never sent over http");
        TestResponse head = client.head("/h").send();
        assertEquals(301, head.status());
        assertEquals("", head.text());
        TestResponse post = client.post("/form").send();
        assertEquals(308, post.status(), "a POST must stay a POST");
        assertEquals("https://shop.example/form", post.header("location").orElseThrow());
    }

    @Test
    void temporaryRedirectsPortAndExclusions() {
        HttpsRedirect mw = HttpsRedirect.builder().permanent(false).httpsPort(8443).exclude("/healthz").build();
        TestClient client = plain(mw, "shop.example");
        assertEquals(302, client.get("/").send().status());
        assertEquals(307, client.put("/").send().status());
        assertEquals("https://shop.example:8443/", client.get("/").send().header("location").orElseThrow());
        assertEquals("one two", client.get("/healthz").send().text());
        assertEquals("one two", client.get("/healthz/deep").send().text());
        assertEquals(302, client.get("/healthzz").send().status(), "prefixes end on a segment boundary");
    }

    @Test
    void httpsResponsesGetHstsAndStayStreamed() {
        TestClient secure = TestClient.builder(DEFAULTS.wrap(SecurityHeadersTest.streamed())).secure(true).build();
        TestResponse res = secure.get("/").send();
        assertEquals(200, res.status());
        assertEquals("max-age=31536000", res.header("strict-transport-security").orElseThrow());
        assertEquals(List.of("one ", "two"), res.chunks().stream().map(Bytes::utf8).filter(s -> !s.isEmpty()).toList());
        HttpsRedirect all = HttpsRedirect.builder().hstsMaxAge(Duration.ofDays(730)).includeSubDomains(true)
                .preload(true).build();
        assertEquals("max-age=63072000; includeSubDomains; preload", TestClient.builder(all.wrap(
                SecurityHeadersTest.streamed())).secure(true).build().head("/").send()
                .header("strict-transport-security").orElseThrow());
        assertEquals(List.of("max-age=5"), TestClient.builder(DEFAULTS.wrap(SecurityHeadersTest.streamed(
                "strict-transport-security", "max-age=5"))).secure(true).build().get("/").send().headers()
                .all("strict-transport-security"), "the application's own HSTS is kept");
        assertFalse(TestClient.builder(HttpsRedirect.builder().hsts(false).build().wrap(SecurityHeadersTest.streamed()))
                .secure(true).build().get("/").send().headers().contains("strict-transport-security"));
    }

    @Test
    void theSchemeAndHostResolvedByProxyHeadersDecide() {
        var app = ProxyHeaders.builder().trustedProxy("10.0.0.1").build().wrap(DEFAULTS.wrap(SecurityHeadersTest.streamed()));
        TestClient client = TestClient.builder(app).host("internal").clientAddress(Endpoint.of("10.0.0.1", 1))
                .followRedirects(false).build();
        assertEquals(200, client.get("/").header("x-forwarded-for", "1.2.3.4").header("x-forwarded-proto", "https")
                .send().status(), "TLS ended at the proxy: no redirect loop");
        assertEquals("https://shop.example/p", client.get("/p").header("x-forwarded-for", "1.2.3.4")
                .header("x-forwarded-proto", "http").header("x-forwarded-host", "shop.example").send()
                .header("location").orElseThrow());
    }

    @Test
    void contradictoryOptionsAreRefusedNamingThem() {
        for (var b : List.of(HttpsRedirect.builder().preload(true), HttpsRedirect.builder().preload(true)
                .includeSubDomains(true).hstsMaxAge(Duration.ofDays(30)))) {
            var e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().startsWith("preload"), e.getMessage());
        }
        var sub = assertThrows(IllegalArgumentException.class, () -> HttpsRedirect.builder().hsts(false)
                .includeSubDomains(true).build());
        assertTrue(sub.getMessage().startsWith("includeSubDomains"), sub.getMessage());
        var port = assertThrows(IllegalArgumentException.class, () -> HttpsRedirect.builder().httpsPort(0).build());
        assertTrue(port.getMessage().startsWith("httpsPort"), port.getMessage());
        var ex = assertThrows(IllegalArgumentException.class, () -> HttpsRedirect.builder().exclude("health").build());
        assertTrue(ex.getMessage().startsWith("excludedPrefixes"), ex.getMessage());
    }

    @Test
    void webSocketSseAndLifespanPassThrough() {
        PassThrough.untouched(DEFAULTS, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }
}
