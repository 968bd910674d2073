package org.pagi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.testing.Apps.blocking;
import static org.pagi.testing.Apps.receive;
import static org.pagi.testing.Apps.send;

import java.time.Duration;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.order.IllegalEventOrderException;

class WebSocketSessionTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    /** Accepts, then echoes every message until the client goes away; records every event it receives. */
    static final class Echo {
        final List<Event> received = new CopyOnWriteArrayList<>();
        final Application app = blocking((scope, receive, send) -> {
            received.add(receive(receive));
            send(send, new WebSocketAccept());
            while (true) {
                Event e = receive(receive);
                received.add(e);
                if (!(e instanceof WebSocketReceive m)) {
                    return;
                }
                send(send, new WebSocketSend(m.message()));
            }
        });
    }

    /** An application that accepts, then runs {@code afterAccept}. */
    private static Application accepting(Apps.Blocking afterAccept) {
        return blocking((scope, receive, send) -> {
            receive(receive);
            send(send, new WebSocketAccept());
            afterAccept.run(scope, receive, send);
        });
    }

    @Nested
    class Messages {
        @Test
        void echoesTextBytesAndJson() {
            Echo echo = new Echo();
            try (WebSocketSession ws = TestClient.of(echo.app).websocket("/echo").connect()) {
                ws.sendText("hello");
                assertEquals(new WebSocketMessage.Text("hello"), ws.receive());
                ws.sendBytes(Bytes.of(new byte[] {1, 2, 3}));
                assertEquals(Bytes.of(new byte[] {1, 2, 3}), ws.receiveBytes());
                ws.sendJson(Map.of("n", 1));
                assertEquals(Map.of("n", 1), ws.receiveJson(Map.class));
                ws.sendText("{\"a\":[1,2]}");
                assertEquals(2, ws.receiveJson().get("a").size());
            }
            assertEquals(List.of(new WebSocketConnect(), WebSocketReceive.text("hello"),
                    WebSocketReceive.bytes(Bytes.of(new byte[] {1, 2, 3})), WebSocketReceive.text("{\"n\":1}"),
                    WebSocketReceive.text("{\"a\":[1,2]}"), new WebSocketDisconnect(1000, "")), echo.received);
        }

        @Test
        void receiveTextNamesTheBinaryMessageThatCameInstead() {
            Application app = accepting((scope, receive, send) -> {
                send(send, WebSocketSend.bytes(Bytes.ascii("raw")));
                receive(receive);
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                AssertionError e = assertThrows(AssertionError.class, ws::receiveText);
                assertEquals("expected a text message, got binary b\"raw\"", e.getMessage());
            }
        }

        @Test
        void receiveBytesNamesTheTextMessageThatCameInstead() {
            Application app = accepting((scope, receive, send) -> {
                send(send, WebSocketSend.text("words"));
                receive(receive);
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                AssertionError e = assertThrows(AssertionError.class, ws::receiveBytes);
                assertEquals("expected a binary message, got text \"words\"", e.getMessage());
            }
        }

        @Test
        void keepaliveIsRecordedAndSkipped() {
            WebSocketKeepalive keepalive =
                    new WebSocketKeepalive(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(20)));
            Application app = accepting((scope, receive, send) -> {
                send(send, keepalive);
                send(send, WebSocketSend.text("after"));
                receive(receive);
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                assertEquals(Optional.empty(), ws.keepalive());
                assertEquals("after", ws.receiveText());
                assertEquals(Optional.of(keepalive), ws.keepalive());
            }
        }

        @Test
        void receiveTimesOutNamingWhatItAwaited() {
            Echo echo = new Echo();
            try (WebSocketSession ws = TestClient.builder(echo.app).timeout(Apps.AFTER_A_STEP).build().websocket("/")
                    .connect()) {
                PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class, ws::receive);
                assertTrue(e.getMessage().contains("waiting for websocket.send on the websocket scope"),
                        e.getMessage());
            }
        }
    }

    @Nested
    class Handshakes {
        @Test
        void handshakeCarriesTheUpgradeHeadersAndGivesAWebsocketScope() {
            Echo echo = new Echo();
            try (WebSocketSession ws = TestClient.of(echo.app).websocket("/chat?room=1").connect()) {
                WebSocketScope scope = ws.scope();
                assertEquals(List.of("ws", "GET", "/chat", "room=1"),
                        List.of(scope.scheme(), scope.method(), scope.path(), scope.queryString().utf8()));
                Headers h = scope.headers();
                assertEquals(List.of(Optional.of("websocket"), Optional.of("upgrade"), Optional.of("13")),
                        List.of(h.first("upgrade"), h.first("connection"), h.first("sec-websocket-version")));
                byte[] key = Base64.getDecoder().decode(h.first("sec-websocket-key").orElseThrow());
                assertEquals(16, key.length);
                assertEquals(List.of(), scope.subprotocols());
            }
        }

        @Test
        void applicationChoosesOneOfTheOfferedSubprotocols() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                List<String> offered = ((WebSocketScope) scope).subprotocols();
                String last = offered.get(offered.size() - 1);
                send(send, new WebSocketAccept(Optional.of(last), Headers.of("x-room", "lobby")));
                receive(receive);
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").subprotocols("chat.v1", "chat.v2").connect()) {
                assertEquals(List.of("chat.v1", "chat.v2"), ws.scope().subprotocols());
                assertEquals(Optional.of("chat.v2"), ws.subprotocol());
                assertEquals(Headers.of("x-room", "lobby"), ws.acceptHeaders());
            }
        }

        @Test
        void acceptingASubprotocolTheClientDidNotOfferFailsTheHandshake() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, WebSocketAccept.withSubprotocol("mqtt"));
                receive(receive);
            });
            AssertionError e = assertThrows(AssertionError.class,
                    () -> TestClient.of(app).websocket("/").subprotocols("chat").connect());
            assertTrue(e.getMessage().startsWith(
                    "websocket.accept chose subprotocol 'mqtt', which the client did not offer"), e.getMessage());
        }

        @Test
        void closeBeforeAcceptIsRefusedWith403() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, new WebSocketClose(4003, "members only"));
            });
            TestClient client = TestClient.of(app);
            assertEquals(new WebSocketHandshake.Denied(403, Headers.empty(), Bytes.empty(),
                    Optional.of(new WebSocketClose(4003, "members only"))), client.websocket("/").tryConnect());

            WebSocketDeniedException e =
                    assertThrows(WebSocketDeniedException.class, () -> client.websocket("/").connect());
            assertEquals(List.of(403, OptionalInt.of(4003)), List.of(e.status(), e.closeCode()));
        }

        @Test
        void denialResponseGivesItsStatusHeadersAndWholeBody() {
            Headers headers = Headers.of("content-type", "application/json", "www-authenticate", "Bearer");
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, new WebSocketHttpResponseStart(401, headers));
                send(send, new WebSocketHttpResponseBody(Bytes.ascii("{\"error\":"), true));
                send(send, new WebSocketHttpResponseBody(Bytes.ascii("\"unauthorized\"}"), false));
            });
            WebSocketDeniedException e = assertThrows(WebSocketDeniedException.class,
                    () -> TestClient.of(app).websocket("/").connect());
            Bytes body = Bytes.ascii("{\"error\":\"unauthorized\"}");
            assertEquals(WebSocketHandshake.Denied.byResponse(401, headers, body), e.denial());
            assertEquals(OptionalInt.empty(), e.closeCode());
        }

        @Test
        void sendingBeforeAcceptFailsNamingWebsocketAccept() {
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                send(send, WebSocketSend.text("too early"));
            });
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> TestClient.of(app).websocket("/").connect());
            assertTrue(e.getMessage().contains("expected websocket.accept or websocket.close"), e.getMessage());
            assertEquals("websocket.send", e.got());
        }

        @Test
        void returningWithoutAnAnswerFailsTheTest() {
            Application app = blocking((scope, receive, send) -> receive(receive));
            AssertionError e = assertThrows(AssertionError.class, () -> TestClient.of(app).websocket("/").connect());
            assertEquals("the application returned without accepting or refusing the WebSocket handshake"
                    + " (a server answers 500)", e.getMessage());
        }

        @Test
        void returningWithoutAnAnswerIsA500LikeAServerGivesWhenNotRaising() {
            Application app = blocking((scope, receive, send) -> receive(receive));
            TestClient client = TestClient.builder(app).raiseAppExceptions(false).build();
            assertEquals(new WebSocketHandshake.Denied(500, Headers.of("content-type", "text/plain; charset=utf-8",
                    "content-length", "21"), Bytes.ascii("Internal Server Error"), Optional.empty()),
                    client.websocket("/").tryConnect());
        }

        @Test
        void anExceptionDuringTheHandshakeReachesTheTest() {
            Application app = blocking((scope, receive, send) -> {
                throw new IllegalStateException("no such room");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TestClient.of(app).websocket("/").connect());
            assertEquals("no such room", e.getMessage());
        }

        @Test
        void anUnansweredHandshakeTimesOutNamingWhatItAwaited() throws Exception {
            CompletableFuture<Event> afterTimeout = new CompletableFuture<>();
            Application app = blocking((scope, receive, send) -> {
                receive(receive);
                afterTimeout.complete(receive(receive));
            });
            PagiTestTimeoutException e = assertThrows(PagiTestTimeoutException.class,
                    () -> TestClient.builder(app).timeout(SHORT).build().websocket("/").connect());
            assertTrue(e.getMessage().contains("waiting for the handshake answer (websocket.accept"), e.getMessage());
            // The client gives up as a browser does: the application learns the connection dropped.
            assertEquals(new WebSocketDisconnect(1006, "client_closed"), afterTimeout.get(5, TimeUnit.SECONDS));
        }
    }

    @Nested
    class Closing {
        @Test
        void clientCloseReachesTheApplicationWithItsCodeAndReason() {
            Echo echo = new Echo();
            WebSocketSession ws = TestClient.of(echo.app).websocket("/").connect();
            ws.sendText("last words");
            ws.close(4000, "done");
            // close() returned, so the application has: it read the message first, then the close.
            assertEquals(List.of(new WebSocketConnect(), WebSocketReceive.text("last words"),
                    new WebSocketDisconnect(4000, "done")), echo.received);
        }

        @Test
        void aDroppedConnectionReachesTheApplicationAs1006ClientClosed() {
            Echo echo = new Echo();
            WebSocketSession ws = TestClient.of(echo.app).websocket("/").connect();
            ws.disconnect();
            assertEquals(List.of(new WebSocketConnect(), new WebSocketDisconnect(1006, "client_closed")),
                    echo.received);
        }

        @Test
        void expectCloseReturnsTheApplicationsClose() {
            Application app = accepting((scope, receive, send) -> send(send, new WebSocketClose(4001, "bye")));
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                assertEquals(new WebSocketClose(4001, "bye"), ws.expectClose(4001));
            }
        }

        @Test
        void receiveAfterTheApplicationClosedNamesTheCode() {
            Application app = accepting((scope, receive, send) -> send(send, new WebSocketClose(4001, "bye")));
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                AssertionError e = assertThrows(AssertionError.class, ws::receive);
                assertEquals("expected a message, got websocket.close 4001 \"bye\", so the server closed the WebSocket"
                        + " with code 4001", e.getMessage());
                assertThrows(AssertionError.class, ws::receiveText); // and again on every later read
            }
        }

        @Test
        void expectCloseFailsWhenAMessageComesFirst() {
            Application app = accepting((scope, receive, send) -> {
                send(send, WebSocketSend.text("surprise"));
                send(send, new WebSocketClose());
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                AssertionError e = assertThrows(AssertionError.class, () -> ws.expectClose(1000));
                assertEquals("expected websocket.close 1000, got a message: text \"surprise\"", e.getMessage());
            }
        }

        @Test
        void expectCloseFailsOnAnotherCode() {
            Application app = accepting((scope, receive, send) -> send(send, new WebSocketClose(1008, "policy")));
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                AssertionError e = assertThrows(AssertionError.class, () -> ws.expectClose(1000));
                assertEquals("expected websocket.close 1000, got websocket.close 1008 \"policy\", so the server closed"
                        + " the WebSocket with code 1008", e.getMessage());
            }
        }

        @Test
        void theApplicationsCloseIsAnsweredSoItsReceiveSeesTheDisconnect() throws Exception {
            CompletableFuture<Event> afterClose = new CompletableFuture<>();
            Application app = accepting((scope, receive, send) -> {
                send(send, new WebSocketClose(4002));
                afterClose.complete(receive(receive));
            });
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                // The application got the echo before the test read the close.
                assertEquals(new WebSocketDisconnect(4002, ""), afterClose.get(5, TimeUnit.SECONDS));
                ws.sendText("dropped, as a server discards frames after its close");
                assertEquals(new WebSocketClose(4002), ws.expectClose(4002));
            }
        }

        @Test
        void sendingAfterItsOwnCloseFailsTheTest() {
            Application app = accepting((scope, receive, send) -> {
                send(send, new WebSocketClose());
                send.send(WebSocketSend.text("too late")); // the stage fails; this application ignores it
            });
            WebSocketSession ws = TestClient.of(app).websocket("/").connect();
            assertEquals(new WebSocketClose(), ws.expectClose(1000));
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class, ws::close);
            assertTrue(e.getMessage().contains("websocket.close was already sent"), e.getMessage());
        }

        @Test
        void returningWhileOpenIsSeenAsClose1000() {
            Application app = accepting((scope, receive, send) -> send(send, WebSocketSend.text("only")));
            try (WebSocketSession ws = TestClient.of(app).websocket("/").connect()) {
                assertEquals("only", ws.receiveText());
                AssertionError e = assertThrows(AssertionError.class, ws::receive);
                assertEquals("expected a message, got no more messages: the application returned with the WebSocket"
                        + " open, so the server closed the WebSocket with code 1000", e.getMessage());
                assertEquals(new WebSocketClose(1000), ws.expectClose(1000));
            }
        }

        @Test
        void anApplicationExceptionReachesTheTestFromTheNextRead() {
            Application app = accepting((scope, receive, send) -> {
                throw new IllegalStateException("handler crashed");
            });
            WebSocketSession ws = TestClient.of(app).websocket("/").connect();
            IllegalStateException e = assertThrows(IllegalStateException.class, ws::receive);
            assertEquals("handler crashed", e.getMessage());
            ws.close(); // reported once
        }

        @Test
        void anApplicationExceptionIsClose1011WhenNotRaising() {
            Application app = accepting((scope, receive, send) -> {
                throw new IllegalStateException("handler crashed");
            });
            TestClient client = TestClient.builder(app).raiseAppExceptions(false).build();
            try (WebSocketSession ws = client.websocket("/").connect()) {
                assertEquals(new WebSocketClose(1011), ws.expectClose(1011));
            }
        }

        @Test
        void sendingAfterTheClientClosedIsRefused() {
            WebSocketSession ws = TestClient.of(new Echo().app).websocket("/").connect();
            ws.close();
            assertThrows(IllegalStateException.class, () -> ws.sendText("after close"));
            ws.close(); // a second close does nothing
        }
    }
}
