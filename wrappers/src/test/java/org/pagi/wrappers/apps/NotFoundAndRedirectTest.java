package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Extensions;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;

@Timeout(30)
class NotFoundAndRedirectTest {

    private static TestClient client(org.pagi.spec.Application app) {
        return TestClient.builder(app).followRedirects(false).build();
    }

    @Test
    void notFoundAnswersUpstreamsDefaults() {
        var response = client(NotFound.builder().build()).get("/anything").send();
        assertEquals(404, response.status());
        assertEquals("Not Found", response.text());
        assertEquals(Optional.of("text/plain; charset=utf-8"), response.header("content-type"));
        assertEquals(Optional.of("9"), response.header("content-length"));
    }

    @Test
    void notFoundTakesStatusBodyAndContentTypeAndABodyComputedFromTheScope() {
        var gone = client(NotFound.builder().status(410).body("<h1>Gone</h1>").contentType("text/html").build())
                .get("/old").send();
        assertEquals(410, gone.status());
        assertEquals("<h1>Gone</h1>", gone.text());
        assertEquals(Optional.of("text/html"), gone.header("content-type"));
        var computed = client(NotFound.builder().body(scope -> "no page at " + scope.path() + " \u2013 sorry").build())
                .get("/missing").send();
        assertEquals("no page at /missing \u2013 sorry", computed.text());
        assertEquals(Optional.of(Integer.toString("no page at /missing \u2013 sorry".getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length)), computed.header("content-length"), "UTF-8 bytes");
    }

    @Test
    void notFoundAnswersHeadWithTheHeadersOnly() {
        var head = client(NotFound.builder().build()).head("/x").send();
        assertEquals(404, head.status());
        assertEquals("", head.text());
        assertEquals(Optional.of("9"), head.header("content-length"));
    }

    @Test
    void notFoundDeniesAWebSocketDeclinesAnSseStreamAndDeclinesTheLifespan() {
        TestClient client = client(NotFound.builder().status(451).body("blocked").build());
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/ws").tryConnect());
        assertEquals(451, denied.status());
        assertEquals("blocked", denied.body().utf8());
        try (SseStream events = client.sse("/events").open()) {
            assertTrue(events.declined());
            assertEquals(451, events.status());
            assertEquals("blocked", events.body().utf8());
        }
        LifespanSession lifespan = client.lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
    }

    @Test
    void notFoundRefusesBadOptionsByName() {
        URLMapTest.assertMessage("status: an error status is 400-599, got 200", () -> NotFound.builder().status(200));
        URLMapTest.assertMessage("status: an error status is 400-599, got 600", () -> NotFound.builder().status(600));
        URLMapTest.assertMessage("contentType: control character 0x0D",
                () -> NotFound.builder().contentType("text/html\r\nset-cookie: a=b"));
        URLMapTest.assertMessage("contentType: must not be blank", () -> NotFound.builder().contentType(" "));
        NullPointerException nullBody = assertThrows(NullPointerException.class,
                () -> client(NotFound.builder().body(scope -> null).build()).get("/").send());
        assertTrue(nullBody.getMessage().startsWith("body:"), nullBody.getMessage());
    }

    @Test
    void redirectDefaultsTo302AndKeepsTheQueryString() {
        TestClient client = client(Redirect.to("/new").build());
        var plain = client.get("/old").send();
        assertEquals(302, plain.status());
        assertEquals(Optional.of("/new"), plain.header("location"));
        assertEquals(Optional.of("text/plain"), plain.header("content-type"));
        assertEquals(Optional.of("0"), plain.header("content-length"));
        assertEquals("", plain.text());
        assertEquals(Optional.of("/new?a=1&b=x%20y"), client.get("/old?a=1&b=x%20y").send().header("location"));
        assertEquals(Optional.of("/new?v=2&a=1"),
                client(Redirect.to("/new?v=2").build()).get("/old?a=1").send().header("location"),
                "a target with a query gets '&'");
        assertEquals(Optional.of("/new"),
                client(Redirect.to("/new").preserveQuery(false).build()).get("/old?a=1").send().header("location"));
    }

    @Test
    void redirectTakesEveryRedirectStatusAndAComputedTarget() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            var response = client(Redirect.to("https://example.org/").status(status).build()).post("/").send();
            assertEquals(status, response.status());
            assertEquals(Optional.of("https://example.org/"), response.header("location"));
        }
        Redirect moved = Redirect.to(scope -> "/v2" + scope.path()).status(308).build();
        assertEquals(308, moved.status());
        assertEquals(Optional.of("/v2/items/7?x=1"), client(moved).get("/items/7?x=1").send().header("location"));
        var head = client(moved).head("/a").send();
        assertEquals(308, head.status());
        assertEquals(Optional.of("/v2/a"), head.header("location"));
    }

    @Test
    void redirectAnswersAWebSocketAndAnSseStreamWithTheRedirect() {
        TestClient client = client(Redirect.to("/elsewhere").status(307).build());
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/ws").tryConnect());
        assertEquals(307, denied.status());
        assertEquals(Optional.of("/elsewhere"), denied.headers().first("location"));
        try (SseStream events = client.sse("/events").open()) {
            assertTrue(events.declined());
            assertEquals(307, events.status());
            assertEquals(Optional.of("/elsewhere"), events.headers().first("location"));
        }
        WebSocketHandshake.Denied closed = assertInstanceOf(WebSocketHandshake.Denied.class,
                TestClient.builder(Redirect.to("/x").build()).extensions(Extensions.none()).build()
                        .websocket("/ws").tryConnect());
        assertTrue(closed.close().isPresent());
    }

    @Test
    void redirectRefusesAnythingButARedirectStatusAndATargetThatCouldInjectHeaders() {
        for (int status : new int[] {200, 300, 304, 305, 306, 404}) {
            URLMapTest.assertMessage("status: a redirect is 301, 302, 303, 307 or 308, got " + status,
                    () -> Redirect.to("/x").status(status));
        }
        URLMapTest.assertMessage("to: control character 0x0D at index 2",
                () -> Redirect.to("/x\r\nset-cookie: admin=1"));
        URLMapTest.assertMessage("to: control character 0x0A", () -> Redirect.to("/x\n"));
        URLMapTest.assertMessage("to: character U+00E9 at index 4 is not ASCII", () -> Redirect.to("/caf\u00e9"));
        URLMapTest.assertMessage("to: must not be blank", () -> Redirect.to(""));
        IllegalArgumentException computed = assertThrows(IllegalArgumentException.class,
                () -> client(Redirect.to(scope -> scope.path() + "\r\nx: y").build()).get("/a").send());
        assertTrue(computed.getMessage().startsWith("to: control character 0x0D"), computed.getMessage());
    }
}
