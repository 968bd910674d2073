package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.response.Response;

/** accept, accept(subprotocol, headers), deny and close before accepting, in both handler modes. */
@Timeout(20)
class WebSocketHandshakeTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptOpensTheSocket(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenRun(() -> seen.add(ws.connectionState())).thenCompose(v -> ws.sendText("hi")),
                ws -> {
                    ws.accept();
                    seen.add(ws.webSocket().connectionState());
                    ws.sendText("hi");
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("hi", s.receiveText());
            assertEquals(Optional.empty(), s.subprotocol());
            assertEquals(WebSocketState.CONNECTED, seen.next());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptChoosesAnOfferedSubprotocolAndAddsHeaders(Mode mode) {
        Headers extra = Headers.of("x-session", "42");
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept("chat.v2", extra),
                ws -> ws.accept("chat.v2", extra)));
        try (WebSocketSession s = client.websocket("/").subprotocols("chat.v1", "chat.v2").connect()) {
            assertEquals(Optional.of("chat.v2"), s.subprotocol());
            assertEquals(Optional.of("42"), s.acceptHeaders().first("x-session"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptWithASubprotocolNotOfferedFailsNamingBoth(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> {
                    Mode.Seen.recordAll(seen, () -> ws.accept("graphql", Headers.empty()));
                    return ws.close();
                },
                ws -> {
                    Mode.Seen.recordAll(seen, () -> ws.accept("graphql", Headers.empty()));
                    ws.close();
                }));
        WebSocketHandshake h = client.websocket("/").subprotocols("chat.v1").tryConnect();
        assertEquals(403, assertInstanceOf(WebSocketHandshake.Denied.class, h).status(), "refused by close");
        String message = seen.next(IllegalArgumentException.class).getMessage();
        assertTrue(message.contains("'graphql'") && message.contains("[chat.v1]"), message);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptingTwiceFails(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenCompose(v -> ws.accept())
                        .handle((v, e) -> { seen.add(Mode.cause(e)); return null; }),
                ws -> {
                    ws.accept();
                    Mode.Seen.recordAll(seen, () -> ws.accept());
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("cannot accept: the WebSocket is already connected",
                    seen.next(IllegalStateException.class).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void denySendsTheResponseAndEndsTheSocket(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        Response no = Response.text("sign in first").withStatus(401).withHeader("www-authenticate", "Bearer");
        TestClient client = TestClient.of(mode.app(
                ws -> ws.onClose(seen::add).deny(no).thenRun(() -> seen.add(ws.connectionState())),
                ws -> {
                    ws.webSocket().onClose(seen::add);
                    ws.deny(no);
                    seen.add(ws.webSocket().connectionState());
                }));
        WebSocketHandshake.Denied d = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").tryConnect());
        assertEquals(401, d.status());
        assertEquals("sign in first", d.body().utf8());
        assertEquals(Optional.of("Bearer"), d.headers().first("www-authenticate"));
        assertEquals(Optional.of("13"), d.headers().first("content-length"));
        assertEquals(new Closed(CloseCode.ABNORMAL, Closed.DENIED), seen.next());
        assertEquals(WebSocketState.CLOSED, seen.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void denyWithoutTheDenialExtensionFailsClearlyAndCloseRefusesWith403(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.builder(mode.app(
                ws -> {
                    Mode.Seen.recordAll(seen, () -> ws.deny(Response.status(401)));
                    return ws.close(4003, "no");
                },
                ws -> {
                    Mode.Seen.recordAll(seen, () -> ws.deny(Response.status(401)));
                    ws.close(4003, "no");
                })).extensions(Extensions.none()).build();
        WebSocketHandshake.Denied d = assertInstanceOf(WebSocketHandshake.Denied.class,
                client.websocket("/").tryConnect());
        assertEquals(403, d.status());
        assertEquals(4003, d.close().orElseThrow().code());
        String message = seen.next(IllegalStateException.class).getMessage();
        assertTrue(message.contains("'websocket.http.response'"), message);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void denyAfterAcceptingFails(Mode mode) {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(mode.app(
                ws -> ws.accept().thenRun(() -> {
                    Mode.Seen.recordAll(seen, () -> ws.deny(Response.status(403)));
                }),
                ws -> {
                    ws.accept();
                    Mode.Seen.recordAll(seen, () -> ws.deny(Response.status(403)));
                }));
        try (WebSocketSession s = client.websocket("/").connect()) {
            assertEquals("cannot deny: the WebSocket is already connected",
                    seen.next(IllegalStateException.class).getMessage());
        }
    }
}
