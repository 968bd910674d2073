package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

class ProxyHeadersTest {

    /** Reports what it sees as "client scheme host", streamed in two body events. */
    static final Application SEEN = (scope, receive, send) -> {
        if (!(scope instanceof RequestScope rs)) {
            throw new org.pagi.spec.UnsupportedScopeException(scope);
        }
        String seen = rs.client().map(Endpoint::toString).orElse("none") + " " + rs.scheme() + " "
                + rs.headers().first("host").orElse("-");
        return switch (scope) {
            case HttpScope h -> send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> send.send(new HttpResponseBody(Bytes.utf8(seen), true)))
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.empty())));
            case SseScope s -> send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data(seen)));
            default -> receive.receive().thenCompose(e -> send.send(new WebSocketAccept()))
                    .thenCompose(v -> send.send(WebSocketSend.text(seen)))
                    .thenCompose(v -> send.send(new WebSocketClose(1000, "")));
        };
    };

    private static final ProxyHeaders PROXY = ProxyHeaders.builder().trustedProxy("10.0.0.0/8").trustedProxy("::1")
            .build();

    private static TestClient from(String peer, ProxyHeaders mw) {
        return TestClient.builder(mw.wrap(SEEN)).clientAddress(Endpoint.of(peer, 5000)).host("app.test").build();
    }

    @Test
    void xForwardedForIsWalkedRightToLeftSkippingTrustedHops() {
        TestClient client = from("10.0.0.1", PROXY);
        // 9.9.9.9 is forged by the client; 203.0.113.7 was appended by the trusted 10.1.1.1 hop.
        assertEquals("203.0.113.7:0 http app.test", client.get("/").header("x-forwarded-for",
                "9.9.9.9, 203.0.113.7, 10.1.1.1").send().text());
        assertEquals("10.2.2.2:0 http app.test", client.get("/").header("x-forwarded-for", "10.2.2.2, 10.3.3.3")
                .send().text(), "all hops trusted: the leftmost is the client");
        assertEquals("203.0.113.7:0 http app.test", client.get("/").header("x-forwarded-for", "9.9.9.9")
                .header("x-forwarded-for", "203.0.113.7").send().text(), "lines are joined in order");
        assertEquals("2001:db8::7:8080 http app.test", client.get("/")
                .header("x-forwarded-for", "[2001:db8::7]:8080").send().text());
    }

    @Test
    void protoHostAndPortComeFromTheNearestProxy() {
        TestClient client = from("10.0.0.1", PROXY);
        assertEquals("203.0.113.7:0 https shop.example", client.get("/").header("x-forwarded-for", "203.0.113.7")
                .header("x-forwarded-proto", "http, https").header("x-forwarded-host", "shop.example").send().text());
        assertEquals("203.0.113.7:0 https shop.example:8443", client.get("/").header("x-forwarded-for", "203.0.113.7")
                .header("x-forwarded-proto", "https").header("x-forwarded-host", "shop.example")
                .header("x-forwarded-port", "8443").send().text());
        assertEquals("203.0.113.7:0 https app.test", client.get("/").header("x-forwarded-for", "203.0.113.7")
                .header("x-forwarded-proto", "https").header("x-forwarded-port", "443").send().text(),
                "a default port is left out of Host");
    }

    @Test
    void forwardedWinsAndTakesProtoAndHostFromTheClientsElement() {
        TestClient client = from("::1", PROXY);
        String header = "for=9.9.9.9;proto=http, for=\"[2001:db8::1]:4711\";proto=https;host=\"a.example\", "
                + "for=10.4.4.4;proto=http";
        assertEquals("2001:db8::1:4711 https a.example", client.get("/").header("forwarded", header)
                .header("x-forwarded-for", "1.1.1.1").send().text());
        assertEquals("_hidden:0 http app.test", client.get("/").header("forwarded", "for=_hidden, for=10.0.0.9")
                .send().text(), "an obfuscated id is an untrusted hop: the client");
        assertEquals("none http app.test", client.get("/").header("forwarded", "for=unknown").send().text());
        assertEquals("none http app.test", client.get("/").header("forwarded", "For=\"unknown\"").send().text());
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        TestClient client = from("192.0.2.1", PROXY);
        assertEquals("192.0.2.1:5000 http app.test", client.get("/").header("x-forwarded-for", "1.2.3.4")
                .header("x-forwarded-proto", "https").header("forwarded", "for=5.6.7.8").send().text());
        assertEquals("192.0.2.1:5000 http app.test", client.get("/").header("x-forwarded-for", "not an ip!")
                .send().text(), "garbage from an untrusted peer is not even parsed");
    }

    @Test
    void malformedHeadersFromATrustedPeerAre400NamingTheHeader() {
        TestClient client = from("10.0.0.1", PROXY);
        var bad = client.get("/").header("x-forwarded-for", "1.2.3.4, evil.example").send();
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("X-Forwarded-For"), bad.text());
        var proto = client.get("/").header("x-forwarded-for", "1.2.3.4").header("x-forwarded-proto", "gopher").send();
        assertEquals(400, proto.status());
        assertTrue(proto.text().contains("proto"), proto.text());
        assertEquals(400, client.get("/").header("forwarded", "for=\"1.2.3.4").send().status());
        assertEquals(400, client.get("/").header("x-forwarded-for", "1.2.3.4")
                .header("x-forwarded-host", "a.example/evil").send().status());
        assertEquals(400, client.get("/").header("x-forwarded-for", "1.2.3.4").header("x-forwarded-port", "99999")
                .send().status());
        assertEquals("1.2.3.4:0 http app.test", client.get("/").header("x-forwarded-for", "1.2.3.4").send().text(),
                "the next request is served as usual");
    }

    @Test
    void headerFamiliesCanBeTurnedOffAndAConfigWithoutTrustIsRefused() {
        ProxyHeaders onlyX = ProxyHeaders.builder().trustedProxy("10.0.0.1").forwarded(false).build();
        assertEquals("1.1.1.1:0 http app.test", from("10.0.0.1", onlyX).get("/").header("forwarded", "for=2.2.2.2")
                .header("x-forwarded-for", "1.1.1.1").send().text());
        ProxyHeaders onlyForwarded = ProxyHeaders.builder().trustedProxy("10.0.0.1").xForwarded(false).build();
        assertEquals("10.0.0.1:5000 http app.test", from("10.0.0.1", onlyForwarded).get("/")
                .header("x-forwarded-for", "1.1.1.1").send().text());
        var none = assertThrows(IllegalArgumentException.class, () -> ProxyHeaders.builder().build());
        assertTrue(none.getMessage().startsWith("trustedProxies"), none.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> ProxyHeaders.builder().trustedProxy("proxy.lan"));
        assertTrue(bad.getMessage().startsWith("trustedProxies"), bad.getMessage());
        var off = assertThrows(IllegalArgumentException.class, () -> ProxyHeaders.builder().trustedProxy("::1")
                .forwarded(false).xForwarded(false).build());
        assertTrue(off.getMessage().contains("xForwarded"), off.getMessage());
    }

    @Test
    void headStreamedWebSocketAndSseScopesAreResolvedToo() {
        TestClient client = from("10.0.0.1", PROXY);
        var head = client.head("/").header("x-forwarded-for", "1.2.3.4").send();
        assertEquals(200, head.status());
        assertEquals("", head.text());
        assertEquals("1.2.3.4:0 http app.test", client.get("/").header("x-forwarded-for", "1.2.3.4").send().text());
        WebSocketSession ws = client.websocket("/ws").header("x-forwarded-for", "1.2.3.4")
                .header("x-forwarded-proto", "https").connect();
        assertEquals("1.2.3.4:0 wss app.test", ws.receiveText());
        var sse = client.sse("/events").header("x-forwarded-for", "1.2.3.4").header("x-forwarded-proto", "https")
                .open();
        assertEquals("1.2.3.4:0 https app.test", sse.next().data());
    }

    @Test
    void scopesWithoutForwardingHeadersAndLifespanPassThroughUntouched() {
        PassThrough.untouched(ProxyHeaders.builder().trustedProxy("127.0.0.1").trustedProxy("::1").build(),
                PassThrough.Kind.values());
    }
}
