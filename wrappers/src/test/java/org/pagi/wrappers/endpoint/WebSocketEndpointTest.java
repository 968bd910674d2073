package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketDeniedException;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.websocket.BlockingWebSocket;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * WebSocketEndpoint and BlockingWebSocketEndpoint: the default accept, each encoding, 1003 for the wrong kind,
 * 1007 for bad JSON, 1011 for a failing onReceive, denial, and onDisconnect exactly once.
 */
@Timeout(30)
class WebSocketEndpointTest {

    record Point(int x, int y) {
    }

    /** Reports each message and the disconnect to {@code seen}; answers "got" + the message; "bye" closes 4000. */
    static <T> Application recorder(Mode mode, Encoding<T> encoding, Mode.Seen seen) {
        return mode.pick(() -> new WebSocketEndpoint<T>(encoding) {
            @Override
            protected CompletionStage<?> onReceive(WebSocket ws, T message) {
                seen.add(message);
                return "bye".equals(message) ? ws.close(4000, "done") : ws.sendText("got " + message);
            }

            @Override
            protected void onDisconnect(WebSocket ws, Closed closed) {
                seen.add(closed);
            }
        }, () -> new BlockingWebSocketEndpoint<T>(encoding) {
            @Override
            protected void onReceive(BlockingWebSocket ws, T message) {
                seen.add(message);
                if ("bye".equals(message)) {
                    ws.close(4000, "done");
                } else {
                    ws.sendText("got " + message);
                }
            }

            @Override
            protected void onDisconnect(BlockingWebSocket ws, Closed closed) {
                org.pagi.wrappers.Blocking.requireBlockingAllowed();   // never on a server I/O thread
                seen.add(closed);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void textIsTheDefaultKindAndTheDisconnectComesOnceWithTheClientsCode(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(recorder(mode, Encoding.TEXT, seen));
        try (WebSocketSession ws = client.websocket("/").connect()) {
            assertEquals("got hi", ws.sendText("hi").receiveText());
            ws.close(4001, "bye");
        }
        assertEquals("hi", seen.next());
        assertEquals(new Closed(4001, "bye"), seen.next());
        assertTrue(seen.nothingMore(200), "onDisconnect runs once");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCloseFromTheEndpointIsReportedOnceToo(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        TestClient client = TestClient.of(recorder(mode, Encoding.TEXT, seen));
        try (WebSocketSession ws = client.websocket("/").connect()) {
            ws.sendText("bye");
            assertEquals("done", ws.expectClose(4000).reason());
        }
        assertEquals("bye", seen.next());
        assertEquals(new Closed(4000, "done"), seen.next());
        assertTrue(seen.nothingMore(200));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMessageOfTheOtherKindClosesWith1003(Mode mode) throws Exception {
        Mode.Seen text = new Mode.Seen();
        try (WebSocketSession ws = TestClient.of(recorder(mode, Encoding.TEXT, text)).websocket("/").connect()) {
            ws.sendBytes(Bytes.of(new byte[] {1}));
            assertEquals("expected a text message", ws.expectClose(1003).reason());
        }
        assertEquals(new Closed(1003, "expected a text message"), text.next());

        Mode.Seen bytes = new Mode.Seen();
        try (WebSocketSession ws = TestClient.of(recorder(mode, Encoding.BYTES, bytes)).websocket("/").connect()) {
            assertEquals("got " + Bytes.of(new byte[] {7}), ws.sendBytes(Bytes.of(new byte[] {7})).receiveText());
            ws.sendText("seven");
            assertEquals("expected a binary message", ws.expectClose(1003).reason());
        }
        assertEquals(Bytes.of(new byte[] {7}), bytes.next());
        assertEquals(new Closed(1003, "expected a binary message"), bytes.next());
        assertTrue(bytes.nothingMore(200));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void jsonMessagesArriveAsTreesOrRecordsAndBadJsonClosesWith1007(Mode mode) throws Exception {
        Mode.Seen tree = new Mode.Seen();
        try (WebSocketSession ws = TestClient.of(recorder(mode, Encoding.JSON, tree)).websocket("/").connect()) {
            ws.sendText("{\"a\":[1,true]}").receiveText();
            ws.sendText("{not json");
            assertEquals("invalid JSON", ws.expectClose(1007).reason());
        }
        assertEquals(Map.of("a", java.util.List.of(1, true)), tree.next());
        assertEquals(new Closed(1007, "invalid JSON"), tree.next());

        Mode.Seen points = new Mode.Seen();
        Encoding<Point> encoding = Encoding.json(Point.class);
        try (WebSocketSession ws = TestClient.of(recorder(mode, encoding, points)).websocket("/").connect()) {
            assertEquals("got Point[x=1, y=2]", ws.sendJson(new Point(1, 2)).receiveText());
            ws.sendText("{\"x\":\"one\"}");
            ws.expectClose(1007);
        }
        assertEquals(new Point(1, 2), points.next());
        assertEquals(new Closed(1007, "invalid JSON"), points.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingOnReceiveClosesWith1011AndFailsTheSession(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        Application endpoint = mode.pick(() -> new WebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected CompletionStage<?> onReceive(WebSocket ws, String message) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("cannot handle " + message));
            }

            @Override
            protected void onDisconnect(WebSocket ws, Closed closed) {
                seen.add(closed);
            }
        }, () -> new BlockingWebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected void onReceive(BlockingWebSocket ws, String message) {
                throw new IllegalArgumentException("cannot handle " + message);
            }

            @Override
            protected void onDisconnect(BlockingWebSocket ws, Closed closed) {
                seen.add(closed);
            }
        });
        TestClient client = TestClient.builder(endpoint).raiseAppExceptions(false).build();
        try (WebSocketSession ws = client.websocket("/").connect()) {
            ws.sendText("x");
            assertEquals("internal error", ws.expectClose(1011).reason());
        }
        assertEquals(new Closed(1011, "internal error"), seen.next());
        TestClient raising = TestClient.of(endpoint);
        WebSocketSession ws = raising.websocket("/").connect();
        ws.sendText("y").expectClose(1011);
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, ws::close,
                "the session failed with onReceive's failure");
        assertEquals("cannot handle y", failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void onConnectMayDenyOrChooseASubprotocolAndADeniedSessionHasNoDisconnect(Mode mode) throws Exception {
        Mode.Seen seen = new Mode.Seen();
        Application endpoint = mode.pick(() -> new WebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected CompletionStage<?> onConnect(WebSocket ws) {
                return ws.header("authorization").isPresent() ? ws.accept("chat", Headers.empty())
                        : ws.deny(Response.text("who are you?").withStatus(401));
            }

            @Override
            protected void onDisconnect(WebSocket ws, Closed closed) {
                seen.add(closed);
            }
        }, () -> new BlockingWebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected void onConnect(BlockingWebSocket ws) {
                if (ws.webSocket().header("authorization").isPresent()) {
                    ws.accept("chat", Headers.empty());
                } else {
                    ws.deny(Response.text("who are you?").withStatus(401));
                }
            }

            @Override
            protected void onDisconnect(BlockingWebSocket ws, Closed closed) {
                seen.add(closed);
            }
        });
        TestClient client = TestClient.of(endpoint);
        WebSocketDeniedException denied = assertThrows(WebSocketDeniedException.class,
                () -> client.websocket("/").connect());
        assertEquals(401, denied.status());
        assertEquals("who are you?", denied.body().utf8());
        assertTrue(seen.nothingMore(200), "no disconnect for a denied handshake");

        try (WebSocketSession ws = client.websocket("/").header("authorization", "Bearer t")
                .subprotocols("chat").connect()) {
            assertEquals("chat", ws.subprotocol().orElseThrow());
        }
        assertEquals(new Closed(1000, ""), seen.next());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOnConnectThatLeavesTheHandshakeOpenFailsNamingTheRule(Mode mode) {
        Application endpoint = mode.pick(() -> new WebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected CompletionStage<?> onConnect(WebSocket ws) {
                return CompletableFuture.completedFuture(null);
            }
        }, () -> new BlockingWebSocketEndpoint<String>(Encoding.TEXT) {
            @Override
            protected void onConnect(BlockingWebSocket ws) {
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestClient.of(endpoint).websocket("/").connect());
        assertTrue(e.getMessage().startsWith("onConnect returned without accepting"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theDefaultsAcceptIgnoreMessagesAndEndWithTheClient(Mode mode) {
        Application endpoint = mode.pick(() -> new WebSocketEndpoint<Bytes>(Encoding.BYTES) {
        }, () -> new BlockingWebSocketEndpoint<Bytes>(Encoding.BYTES) {
        });
        EndpointRouter router = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                if (endpoint instanceof WebSocketEndpoint<?> async) {
                    r.endpoint("/quiet", async);
                } else {
                    r.endpoint("/quiet", (BlockingWebSocketEndpoint<?>) endpoint);
                }
            }
        };
        try (WebSocketSession ws = TestClient.of(router).websocket("/quiet").connect()) {
            ws.sendBytes(Bytes.of(new byte[] {1}));
            assertThrows(org.pagi.testing.PagiTestTimeoutException.class,
                    () -> ws.receive(java.time.Duration.ofMillis(100)), "nothing is answered");
        }   // returns once the endpoint saw the close and returned
    }

    @Test
    void theEncodingIsDeclaredAndReadable() {
        assertSame(Encoding.JSON, new WebSocketEndpoint<Object>(Encoding.JSON) {
        }.encoding());
        assertSame(Encoding.BYTES, new BlockingWebSocketEndpoint<Bytes>(Encoding.BYTES) {
        }.encoding());
        assertEquals(Encoding.json(Point.class), Encoding.json(Point.class));
        RejectedMessageException rejected = assertThrows(RejectedMessageException.class,
                () -> Encoding.json(Point.class).decode(new org.pagi.wrappers.websocket.Message.Binary(Bytes.empty())));
        assertEquals(1003, rejected.closeCode());
    }
}
