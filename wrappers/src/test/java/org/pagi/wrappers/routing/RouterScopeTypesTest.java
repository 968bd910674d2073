package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.routing.Handlers.echo;
import static org.pagi.wrappers.routing.Handlers.sseEcho;
import static org.pagi.wrappers.routing.Handlers.wsEcho;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Extensions;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

class RouterScopeTypesTest {

    private final Router router = Router.builder()
            .get("/chat/{room}", echo("http-chat"))
            .websocket("/chat/{room}", wsEcho("ws-chat"))
            .sse("/events/{channel}", sseEcho("sse-events"))
            .mount("/sub", Router.builder().websocket("/ws", wsEcho("sub-ws")).sse("/sse", sseEcho("sub-sse")).build())
            .build();
    private final TestClient client = TestClient.of(router);

    @Test
    void websocketScopesGoToWebsocketRoutesOnly() {
        try (WebSocketSession ws = client.websocket("/chat/lobby").connect()) {
            assertEquals("ws-chat|/chat/{room}|{room=lobby}|/chat/lobby|", ws.receiveText());
        }
        assertEquals("http-chat|/chat/{room}|{room=lobby}|/chat/lobby|", client.get("/chat/lobby").send().text());
        try (WebSocketSession ws = client.websocket("/sub/ws").connect()) {
            assertEquals("sub-ws|/ws|{}|/ws|/sub", ws.receiveText());
        }
    }

    @Test
    void sseScopesGoToSseRoutesOnly() {
        try (SseStream events = client.sse("/events/news").open()) {
            assertEquals("sse-events|/events/{channel}|{channel=news}|/events/news|", events.next().data());
        }
        try (SseStream events = client.sse("/sub/sse").open()) {
            assertEquals("sub-sse|/sse|{}|/sse|/sub", events.next().data());
        }
        assertEquals(404, client.get("/events/news").send().status());
    }

    @Test
    void anUnmatchedWebsocketIsDeniedWithA404Response() {
        WebSocketHandshake h = client.websocket("/nowhere").tryConnect();
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class, h);
        assertEquals(404, denied.status());
        assertEquals("Not Found", denied.body().utf8());
        assertTrue(denied.close().isEmpty());
        // Not an HTTP route either: the HTTP-only path /chat/x/y has no WebSocket route.
        assertEquals(404, assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/events/news").tryConnect()).status());
    }

    @Test
    void withoutTheDenialExtensionAnUnmatchedWebsocketIsClosedBeforeAccept() {
        TestClient plain = TestClient.builder(router).extensions(Extensions.none()).build();
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class,
                plain.websocket("/nowhere").tryConnect());
        assertEquals(403, denied.status());
        assertTrue(denied.close().isPresent());
    }

    @Test
    void anUnmatchedSseStreamIsDeclinedWith404() {
        try (SseStream events = client.sse("/chat/lobby").open()) {
            assertTrue(events.declined());
            assertEquals(404, events.status());
            assertEquals("Not Found", events.body().utf8());
        }
    }

    @Test
    void lifespanIsDeclinedWithoutAHandler() {
        LifespanSession session = client.lifespan();
        session.startup();
        assertFalse(session.supported());
        assertInstanceOf(UnsupportedScopeException.class, session.declineCause().orElseThrow());
    }

    @Test
    void lifespanGoesToTheLifespanHandlerWhenGiven() {
        AtomicInteger events = new AtomicInteger();
        Application lifespan = (scope, receive, send) -> receive.receive()
                .thenCompose(startup -> {
                    events.incrementAndGet();
                    return send.send(new LifespanStartupComplete());
                })
                .thenCompose(v -> receive.receive())
                .thenCompose(shutdown -> {
                    events.incrementAndGet();
                    return send.send(new LifespanShutdownComplete());
                });
        Router r = Router.builder().lifespan(lifespan).get("/", echo("x")).build();
        LifespanSession session = TestClient.of(r).lifespan();
        session.startup();
        assertTrue(session.supported());
        session.shutdown();
        assertEquals(2, events.get());
        assertEquals(Optional.empty(), session.declineCause());
    }
}
