package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Extensions;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

@Timeout(30)
class URLMapTest {

    private final URLMap map = URLMap.builder()
            .mount("/api", Echo.of("api"))
            .mount("/api/v2/", Echo.of("v2"))
            .mount("/static", Echo.of("static"))
            .build();
    private final TestClient client = TestClient.of(map);

    private String get(String path) {
        return client.get(path).send().text();
    }

    @Test
    void theLongestPrefixOnASegmentBoundaryWinsWithPathShortenedAndRootPathExtended() {
        assertEquals("api|/|/api", get("/api"));
        assertEquals("api|/|/api", get("/api/"));
        assertEquals("api|/users/7|/api", get("/api/users/7"));
        assertEquals("api|/v2x|/api", get("/api/v2x"), "v2x is not under /api/v2");
        assertEquals("v2|/|/api/v2", get("/api/v2"));
        assertEquals("v2|/items|/api/v2", get("/api/v2/items"));
        assertEquals(List.of("/api/v2", "/static", "/api"), map.prefixes());
    }

    @Test
    void aPathThatOnlySharesLettersWithAPrefixIsA404() {
        var miss = client.get("/apix").send();
        assertEquals(404, miss.status());
        assertEquals("Not Found", miss.text());
        assertEquals(404, client.get("/").send().status());
        assertEquals(404, client.get("/staticfile").send().status());
    }

    @Test
    void nestedMapsKeepExtendingRootPath() {
        Application inner = URLMap.builder().mount("/inner", Echo.of("deep")).build();
        TestClient nested = TestClient.of(URLMap.builder().mount("/outer", inner).build());
        assertEquals("deep|/x|/outer/inner", nested.get("/outer/inner/x").send().text());
        assertEquals(404, nested.get("/outer/x").send().status());
    }

    @Test
    void aRootMountTakesWhatNoLongerPrefixTakes() {
        TestClient rooted = TestClient.of(URLMap.builder()
                .mountAll(Map.of("/", Echo.of("root"), "/api", Echo.of("api"))).build());
        assertEquals("root|/apix|", rooted.get("/apix").send().text());
        assertEquals("root|/|", rooted.get("/").send().text());
        assertEquals("api|/x|/api", rooted.get("/api/x").send().text());
    }

    @Test
    void theDefaultAppAnswersMissesUnchangedAndGetsTheLifespan() {
        Application fallback = (scope, receive, send) -> scope instanceof org.pagi.spec.LifespanScope
                ? receive.receive().thenCompose(e -> send.send(new org.pagi.spec.event.LifespanStartupComplete()))
                : Echo.of("default").call(scope, receive, send);
        TestClient withDefault = TestClient.of(URLMap.builder().mount("/api", Echo.of("api"))
                .defaultApp(fallback).build());
        assertEquals("default|/apix|", withDefault.get("/apix").send().text());
        LifespanSession lifespan = withDefault.lifespan();
        lifespan.startup();
        assertTrue(lifespan.supported());
        LifespanSession declined = client.lifespan();
        declined.startup();
        assertFalse(declined.supported(), "no default: the lifespan is declined");
    }

    @Test
    void websocketAndSseAreMappedAndTheirMissesAnsweredAsTheRouterDoes() {
        try (WebSocketSession ws = client.websocket("/api/v2/socket").connect()) {
            assertEquals("v2|/socket|/api/v2", ws.receiveText());
        }
        try (SseStream events = client.sse("/static/feed").open()) {
            assertEquals("static|/feed|/static", events.next().data());
        }
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/apix").tryConnect());
        assertEquals(404, denied.status());
        assertEquals("Not Found", denied.body().utf8());
        WebSocketHandshake.Denied closed = assertInstanceOf(WebSocketHandshake.Denied.class,
                TestClient.builder(map).extensions(Extensions.none()).build().websocket("/apix").tryConnect());
        assertTrue(closed.close().isPresent(), "without the denial extension: a close before accept");
        try (SseStream events = client.sse("/nowhere").open()) {
            assertTrue(events.declined());
            assertEquals(404, events.status());
        }
    }

    @Test
    void theBuilderRefusesBadMountsByName() {
        assertMessage("mount: a prefix starts with '/'", () -> URLMap.builder().mount("api", Echo.of("x")));
        assertMessage("mount: a prefix is literal", () -> URLMap.builder().mount("/a/{id}", Echo.of("x")));
        assertMessage("mount: '/api' is mounted twice",
                () -> URLMap.builder().mount("/api", Echo.of("x")).mount("/api/", Echo.of("y")));
        assertMessage("mount: '/' is mounted twice",
                () -> URLMap.builder().mount("/", Echo.of("x")).mount("//", Echo.of("y")));
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> URLMap.builder().build());
        assertTrue(empty.getMessage().startsWith("mount:"), empty.getMessage());
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
