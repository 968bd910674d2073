package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Endpoint;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketDeniedException;
import org.pagi.wrappers.routing.Middleware;

class TrustedHostsTest {
    private static final TrustedHosts HOSTS = TrustedHosts.builder().allow("example.com").allow("*.example.org")
            .allow("[::1]").build();

    private static int status(TrustedHosts mw, String host) {
        return TestClient.builder(mw.wrap(SecurityHeadersTest.streamed())).host(host).build().get("/").send().status();
    }

    @Test
    void exactNamesAndWildcardsAreAllowedWhateverThePortAndCase() {
        assertEquals(200, status(HOSTS, "example.com"));
        assertEquals(200, status(HOSTS, "EXAMPLE.com:8080"));
        assertEquals(200, status(HOSTS, "example.com."));
        assertEquals(200, status(HOSTS, "a.example.org"));
        assertEquals(200, status(HOSTS, "a.b.example.org:443"));
        assertEquals(200, status(HOSTS, "[::1]:8080"));
    }

    @Test
    void otherHostsAre400() {
        for (String bad : new String[] {"evil.com", "www.example.com", "example.org", "evilexample.org",
                "example.com.evil.com", "example.com:80x", "example.com@evil.com", "*.example.org", "[::2]"}) {
            var res = TestClient.builder(HOSTS.wrap(SecurityHeadersTest.streamed())).host(bad).build().get("/").send();
            assertEquals(400, res.status(), bad);
            assertEquals("Invalid Host header", res.text(), bad);
        }
    }

    @Test
    void aMissingHostIs400UnlessAllowed() {
        Middleware dropHost = next -> (scope, receive, send) -> next.call(((HttpScope) scope).withRequest(
                ((HttpScope) scope).request().withHeaders(((HttpScope) scope).headers().without("host"))), receive, send);
        var strict = TestClient.of(dropHost.wrap(HOSTS.wrap(SecurityHeadersTest.streamed()))).get("/").send();
        assertEquals(400, strict.status());
        assertEquals("Missing Host header", strict.text());
        TrustedHosts lenient = TrustedHosts.builder().allow("example.com").allowMissing(true).build();
        assertEquals(200, TestClient.of(dropHost.wrap(lenient.wrap(SecurityHeadersTest.streamed()))).get("/").send()
                .status());
    }

    @Test
    void theHostResolvedByProxyHeadersIsTheOneChecked() {
        var app = ProxyHeaders.builder().trustedProxy("10.0.0.1").build().wrap(HOSTS.wrap(SecurityHeadersTest.streamed()));
        TestClient client = TestClient.builder(app).host("internal:8080").clientAddress(Endpoint.of("10.0.0.1", 1))
                .build();
        assertEquals(200, client.get("/").header("x-forwarded-for", "1.2.3.4").header("x-forwarded-host", "example.com")
                .send().status());
        assertEquals(400, client.get("/").header("x-forwarded-for", "1.2.3.4").send().status());
    }

    @Test
    void headStreamedWebSocketAndSseAreCheckedToo() {
        TestClient ok = TestClient.builder(HOSTS.wrap(ProxyHeadersTest.SEEN)).host("example.com").build();
        assertEquals(200, ok.head("/").send().status());
        assertEquals(java.util.List.of("one ", "two"), TestClient.builder(HOSTS.wrap(SecurityHeadersTest.streamed()))
                .host("example.com").build().get("/").send().chunks().stream().map(org.pagi.spec.Bytes::utf8)
                .filter(c -> !c.isEmpty()).toList(), "the streamed body is forwarded event by event");
        ok.websocket("/").connect().receiveText();
        ok.sse("/").open().next();
        TestClient bad = TestClient.builder(HOSTS.wrap(ProxyHeadersTest.SEEN)).host("evil.com").build();
        var head = bad.head("/").send();
        assertEquals(400, head.status());
        assertEquals("", head.text());
        var denied = assertThrows(WebSocketDeniedException.class, () -> bad.websocket("/").connect());
        assertEquals(400, denied.status());
        var sse = bad.sse("/").open();
        assertTrue(sse.declined());
        assertEquals(400, sse.status());
        PassThrough.untouched(TrustedHosts.builder().allow("testserver").build(), PassThrough.Kind.values());
        PassThrough.untouched(HOSTS, PassThrough.Kind.LIFESPAN);
    }

    @Test
    void aListThatAllowsNothingOrEverythingIsRefused() {
        for (var b : new TrustedHosts.Builder[] {TrustedHosts.builder(), TrustedHosts.builder().allow("*"),
                TrustedHosts.builder().allow("exa mple.com"), TrustedHosts.builder().allow("*.*.com")}) {
            var e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().startsWith("hosts"), e.getMessage());
        }
    }
}
