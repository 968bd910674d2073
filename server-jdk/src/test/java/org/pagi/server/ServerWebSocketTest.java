package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.server.TestApps.receive;
import static org.pagi.server.TestApps.send;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.protocol.exchange.WebSocketSettings;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.protocol.websocket.WsEvent;
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

/** WebSocket (RFC 6455, RFC 7692) over a real socket, with frames built by hand where the rule needs it. */
class ServerWebSocketTest {
    private static final ExecutionMode VT = ExecutionMode.VIRTUAL_THREADS;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int PING = 0x9;
    private static final int CLOSE = 0x8;

    /** An application serving WebSocketScope scopes with {@code body} on a virtual thread of its own. */
    static Application ws(TestApps.Body<WebSocketScope> body) {
        return TestApps.onVirtualThread(WebSocketScope.class, body);
    }

    /** Accepts, echoes every message with its own type, and reports how the WebSocket ended. */
    static Application echo(CompletableFuture<WebSocketDisconnect> ended) {
        return ws((scope, rc, sd) -> {
            receive(rc); // websocket.connect
            send(sd, new WebSocketAccept());
            while (true) {
                Event e = receive(rc);
                if (e instanceof WebSocketReceive r) {
                    send(sd, new WebSocketSend(r.message()));
                } else {
                    ended.complete((WebSocketDisconnect) e);
                    return;
                }
            }
        });
    }

    static LiveServer server(Application app, WebSocketSettings settings) throws java.io.IOException {
        return new LiveServer(app, ServerConfig.builder().executionMode(VT).loops(2).websocket(settings)
                .shutdownGrace(Duration.ofSeconds(2)));
    }

    @Nested
    class Handshake {
        @Test
        void answers101WithTheAcceptKeyAndGivesTheApplicationAWebSocketScope() throws Exception {
            AtomicReference<WebSocketScope> seen = new AtomicReference<>();
            AtomicReference<Event> first = new AtomicReference<>();
            Application app = ws((scope, rc, sd) -> {
                seen.set(scope);
                first.set(receive(rc));
                send(sd, WebSocketAccept.withSubprotocol("chat.v2"));
                receive(rc);
            });
            try (LiveServer s = LiveServer.start(app, VT)) {
                String reply = WsClient.rejected(s.port(), "GET /room/1?x=y HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat.v1, chat.v2\r\n\r\n"
                        + "\u0088\u0082abcd" + "\u0062\u008a"); // a masked close frame (code 1000) right behind
                String head = reply.toLowerCase(java.util.Locale.ROOT);
                assertTrue(head.startsWith("http/1.1 101 switching protocols\r\n"), reply);
                assertTrue(head.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=\r\n"), reply);
                assertTrue(head.contains("sec-websocket-protocol: chat.v2\r\n"), reply);
                assertTrue(head.contains("upgrade: websocket\r\n"), reply);
            }
            assertInstanceOf(WebSocketConnect.class, first.get());
            assertEquals("/room/1", seen.get().path());
            assertEquals("x=y", seen.get().queryString().latin1());
            assertEquals("ws", seen.get().scheme());
            assertEquals(List.of("chat.v1", "chat.v2"), seen.get().subprotocols());
        }

        @Test
        void refusesAMissingOrMalformedKeyWith400() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT)) {
                String base = "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\n";
                assertTrue(WsClient.rejected(s.port(), base + "\r\n").startsWith("HTTP/1.1 400 "));
                assertTrue(WsClient.rejected(s.port(), base + "Sec-WebSocket-Key: short\r\n\r\n")
                        .startsWith("HTTP/1.1 400 "));
            }
        }

        @Test
        void refusesAnotherVersionWith426NamingVersion13() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT)) {
                String reply = WsClient.rejected(s.port(), "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 8\r\n\r\n");
                assertTrue(reply.startsWith("HTTP/1.1 426 "), reply);
                assertTrue(reply.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-version: 13\r\n"), reply);
            }
        }

        @Test
        void refusesAnUpgradeThatIsNotAGet() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT)) {
                String reply = WsClient.rejected(s.port(), "POST / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
                assertTrue(reply.startsWith("HTTP/1.1 405 "), reply);
            }
        }

        @Test
        void answers403WhenTheApplicationClosesBeforeAccepting() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketClose());
            });
            try (LiveServer s = LiveServer.start(app, VT)) {
                String reply = WsClient.rejected(s.port(), upgrade("/"));
                assertTrue(reply.startsWith("HTTP/1.1 403 "), reply);
            }
        }

        @Test
        void sendsTheApplicationsOwnDenialResponse() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketHttpResponseStart(401, Headers.of("content-type", "text/plain",
                        "www-authenticate", "Bearer")));
                send(sd, new WebSocketHttpResponseBody(Bytes.utf8("log in first"), false));
            });
            try (LiveServer s = LiveServer.start(app, VT)) {
                String reply = WsClient.rejected(s.port(), upgrade("/"));
                assertTrue(reply.startsWith("HTTP/1.1 401 "), reply);
                assertTrue(reply.toLowerCase(java.util.Locale.ROOT).contains("www-authenticate: bearer\r\n"), reply);
                assertTrue(reply.endsWith("log in first"), reply);
            }
        }

        @Test
        void answers500WhenTheApplicationReturnsWithoutAnswering() throws Exception {
            Application app = ws((scope, rc, sd) -> receive(rc));
            try (LiveServer s = LiveServer.start(app, VT)) {
                assertTrue(WsClient.rejected(s.port(), upgrade("/")).startsWith("HTTP/1.1 500 "));
            }
        }
    }

    static String upgrade(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Nested
    class Messages {
        @ParameterizedTest
        @EnumSource(ExecutionMode.class)
        void echoesTextAndBinaryMessagesOfEverySize(ExecutionMode mode) throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), mode);
                    WsClient c = WsClient.open(s.port())) {
                for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 1024 * 1024}) {
                    String text = "é".repeat(size / 2) + "x".repeat(size % 2);
                    c.sendText(text);
                    assertEquals(WebSocketMessage.text(text), c.message());
                    byte[] bytes = new byte[size];
                    new java.util.Random(size).nextBytes(bytes);
                    c.sendBinary(Bytes.of(bytes));
                    assertEquals(WebSocketMessage.bytes(Bytes.of(bytes)), c.message());
                }
            }
        }

        @Test
        void assemblesFragmentsAndAnswersAPingBetweenThemWithTheSamePayload() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port())) {
                c.frame(false, 0, TEXT, Bytes.utf8("Hel"), true);
                c.frame(true, 0, PING, Bytes.utf8("are you there"), true);
                assertEquals(new WsEvent.Pong(Bytes.utf8("are you there")), c.next());
                c.frame(false, 0, CONTINUATION, Bytes.utf8("lo, "), true);
                c.frame(true, 0, CONTINUATION, Bytes.utf8("world"), true);
                assertEquals(WebSocketMessage.text("Hello, world"), c.message());
            }
        }

        @Test
        void ignoresAnUnsolicitedPong() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port())) {
                c.pong(Bytes.utf8("heartbeat"));
                c.sendText("still here");
                assertEquals(new WsEvent.Message(WebSocketMessage.text("still here")), c.next());
            }
        }

        @Test
        void stopsReadingWhileTheApplicationIsBehindAndLosesNothing() throws Exception {
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                go.await(20, TimeUnit.SECONDS);
                while (receive(rc) instanceof WebSocketReceive r) {
                    received.addAndGet(r.bytes().orElseThrow().length());
                    if (received.get() == 32L * 1024 * 1024) {
                        send(sd, WebSocketSend.text("all " + received.get()));
                    }
                }
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                AtomicLong written = new AtomicLong();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 512; i++) {
                            c.sendBinary(Bytes.of(new byte[64 * 1024]));
                            written.addAndGet(64 * 1024);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Thread.sleep(1500);
                long stalledAt = written.get();
                assertTrue(stalledAt < 24L * 1024 * 1024,
                        "the server must stop reading while the application takes nothing; the client wrote "
                                + stalledAt + " bytes");
                go.countDown();
                assertEquals(WebSocketMessage.text("all " + (32L * 1024 * 1024)), c.message());
                writer.join(10_000);
            }
        }
    }

    @Nested
    class Violations {
        @Test
        void closesWith1002OnAnUnmaskedClientFrameAndTellsTheApplication() throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(echo(ended), VT); WsClient c = WsClient.open(s.port())) {
                c.frame(true, 0, TEXT, Bytes.utf8("naked"), false);
                assertEquals(1002, c.expectClose().code());
                assertTrue(c.closedByServer());
                assertEquals(new WebSocketDisconnect(1002, "protocol_error"), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"rsv", "opcode", "longControl", "fragmentedControl", "continuation", "newData",
                "oneByteClose", "badCode", "badReason"})
        void closesWith1002OnEachFramingViolation(String which) throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port())) {
                switch (which) {
                    case "rsv" -> c.frame(true, 0x2, TEXT, Bytes.utf8("x"), true);
                    case "opcode" -> c.frame(true, 0, 0x3, Bytes.utf8("x"), true);
                    case "longControl" -> c.frame(true, 0, PING, Bytes.of(new byte[126]), true);
                    case "fragmentedControl" -> c.frame(false, 0, PING, Bytes.utf8("x"), true);
                    case "continuation" -> c.frame(true, 0, CONTINUATION, Bytes.utf8("x"), true);
                    case "newData" -> {
                        c.frame(false, 0, TEXT, Bytes.utf8("a"), true);
                        c.frame(true, 0, BINARY, Bytes.utf8("b"), true);
                    }
                    case "oneByteClose" -> c.frame(true, 0, CLOSE, Bytes.of(new byte[] {3}), true);
                    case "badCode" -> c.frame(true, 0, CLOSE, Bytes.of(new byte[] {0x03, (byte) 0xED}), true); // 1005
                    case "badReason" -> c.frame(true, 0, CLOSE, Bytes.of(new byte[] {0x03, (byte) 0xE8,
                            (byte) 0xC3, 0x28}), true);
                    default -> throw new IllegalArgumentException(which);
                }
                assertEquals(1002, c.expectClose().code(), which);
                assertTrue(c.closedByServer());
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
        void closesWith1002OnACloseCodeNoEndpointMaySend(int code) throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port())) {
                c.frame(true, 0, CLOSE, Bytes.of(new byte[] {(byte) (code >> 8), (byte) code}), true);
                assertEquals(1002, c.expectClose().code(), "close code " + code);
            }
        }

        @Test
        void closesWith1007AtTheFirstInvalidUtf8ByteBeforeTheFrameIsComplete() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port())) {
                // A masked text frame announcing 100 bytes; only the first 6 are sent, the 5th invalid (0xFF).
                byte[] mask = {1, 2, 3, 4};
                byte[] payload = {'h', 'e', 'l', 'l', (byte) 0xFF, 'o'};
                byte[] head = {(byte) 0x81, (byte) (0x80 | 100), mask[0], mask[1], mask[2], mask[3]};
                byte[] partial = new byte[payload.length];
                for (int i = 0; i < payload.length; i++) {
                    partial[i] = (byte) (payload[i] ^ mask[i % 4]);
                }
                c.raw(head).raw(partial);
                assertEquals(1007, c.expectClose().code());
            }
        }

        @Test
        void closesWith1009OnAMessageOverTheLimit() throws Exception {
            WebSocketSettings small = new WebSocketSettings(new WebSocketLimits(1024), true,
                    WebSocketSettings.DEFAULT_CLOSE_TIMEOUT, Duration.ZERO);
            try (LiveServer s = server(echo(new CompletableFuture<>()), small); WsClient c = WsClient.open(s.port())) {
                c.sendText("x".repeat(1024));
                assertEquals(WebSocketMessage.text("x".repeat(1024)), c.message());
                c.frame(false, 0, BINARY, Bytes.of(new byte[600]), true);
                c.frame(true, 0, CONTINUATION, Bytes.of(new byte[600]), true);
                assertEquals(1009, c.expectClose().code());
            }
        }

        @Test
        void keepsServingOtherConnectionsAfterAViolation() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient good = WsClient.open(s.port()); WsClient bad = WsClient.open(s.port())) {
                bad.frame(true, 0, TEXT, Bytes.utf8("naked"), false);
                assertEquals(1002, bad.expectClose().code());
                good.sendText("fine");
                assertEquals(WebSocketMessage.text("fine"), good.message());
            }
        }
    }

    @Nested
    class Closing {
        @ParameterizedTest
        @ValueSource(ints = {1000, 1001, 3000, 4999})
        void echoesTheClientsCloseAndReportsItsCodeAndReason(int code) throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(echo(ended), VT); WsClient c = WsClient.open(s.port())) {
                c.close(code, "bye");
                assertEquals(code, c.expectClose().code());
                assertTrue(c.closedByServer(), "the server closes TCP after the close handshake");
                assertEquals(new WebSocketDisconnect(code, "bye"), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void reports1005ForACloseWithoutACode() throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(echo(ended), VT); WsClient c = WsClient.open(s.port())) {
                c.frame(true, 0, CLOSE, Bytes.empty(), true);
                c.expectClose();
                assertEquals(new WebSocketDisconnect(1005, ""), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void reports1006WhenTheClientDropsTcp() throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = LiveServer.start(echo(ended), VT)) {
                WsClient c = WsClient.open(s.port());
                c.sendText("hi");
                c.message();
                c.close();
                assertEquals(new WebSocketDisconnect(1006, "client_closed"), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void sendsTheApplicationsCloseAndClosesTcpOnceTheClientAnswers() throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                send(sd, new WebSocketClose(4001, "go away"));
                ended.complete((WebSocketDisconnect) receive(rc));
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                assertEquals(new WsEvent.Close(4001, "go away"), c.expectClose());
                c.close(4001, "");
                assertTrue(c.closedByServer());
                assertEquals(4001, ended.get(5, TimeUnit.SECONDS).code());
            }
        }

        @Test
        void deliversNoQueuedMessageAfterTheApplicationsOwnClose() throws Exception {
            CountDownLatch sent = new CountDownLatch(1);
            CompletableFuture<Event> after = new CompletableFuture<>();
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                sent.await(5, TimeUnit.SECONDS); // three messages are queued, unread
                Thread.sleep(200);
                send(sd, new WebSocketClose(1000, ""));
                after.complete(receive(rc));
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                c.sendText("a").sendText("b").sendText("c");
                sent.countDown();
                assertEquals(1000, c.expectClose().code());
                c.close(1000, "");
                assertEquals(new WebSocketDisconnect(1000, ""), after.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void closesWith1000WhenTheApplicationReturnsWithTheWebSocketOpen() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                assertEquals(1000, c.expectClose().code());
            }
        }

        @Test
        void closesWith1011WhenTheApplicationFailsWithTheWebSocketOpen() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                throw new IllegalStateException("boom");
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                assertEquals(1011, c.expectClose().code());
            }
        }

        @Test
        void closesTcpWhenThePeerNeverAnswersOurClose() throws Exception {
            WebSocketSettings quick = new WebSocketSettings(WebSocketLimits.defaults(), true, Duration.ofMillis(400),
                    Duration.ZERO);
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                send(sd, new WebSocketClose(1000, ""));
                ended.complete((WebSocketDisconnect) receive(rc));
            });
            try (LiveServer s = server(app, quick); WsClient c = WsClient.open(s.port())) {
                assertEquals(1000, c.expectClose().code()); // and the client never answers
                assertTrue(c.closedByServer());
                assertEquals(WebSocketDisconnect.ABNORMAL, ended.get(5, TimeUnit.SECONDS).code());
            }
        }

        @Test
        void closesAWebSocketThatStaysSilentPastTheIdleTimeout() throws Exception {
            // Long enough that a loaded machine still sends the first message in time; silence then ends it.
            WebSocketSettings idle = new WebSocketSettings(WebSocketLimits.defaults(), true,
                    WebSocketSettings.DEFAULT_CLOSE_TIMEOUT, Duration.ofSeconds(2));
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            try (LiveServer s = server(echo(ended), idle); WsClient c = WsClient.open(s.port())) {
                c.sendText("one");
                assertEquals(WebSocketMessage.text("one"), c.message());
                assertEquals(1001, c.expectClose().code());
                assertEquals(new WebSocketDisconnect(1006, "idle_timeout"), ended.get(5, TimeUnit.SECONDS));
            }
        }

        @Test
        void sends1001ToOpenWebSocketsWhenTheServerStops() throws Exception {
            LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
            try (WsClient c = WsClient.open(s.port())) {
                Thread stopper = Thread.ofVirtual().start(s::close);
                assertEquals(1001, c.expectClose().code());
                c.close(1001, "");
                stopper.join(10_000);
            } finally {
                s.close();
            }
        }
    }

    @Nested
    class Keepalive {
        @Test
        void pingsAtTheIntervalTheApplicationAsks() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                send(sd, new WebSocketKeepalive(Duration.ofMillis(300), Optional.empty()));
                receive(rc);
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                assertInstanceOf(WsEvent.Ping.class, c.next());
                assertInstanceOf(WsEvent.Ping.class, c.next());
            }
        }

        @Test
        void keepsAPeerThatAnswersWhileTheServerHasStoppedReadingForASlowApplication() throws Exception {
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                // A pong deadline a paused client still meets, well inside the time the application is behind.
                send(sd, new WebSocketKeepalive(Duration.ofMillis(50), Optional.of(Duration.ofSeconds(1))));
                Thread.sleep(2500); // behind: reading pauses, and the peer's pongs wait in the socket
                receive(rc);
                send(sd, WebSocketSend.text("got it"));
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                c.sendBinary(Bytes.of(new byte[100_000])); // over the high-water mark: the server stops reading
                assertEquals(WebSocketMessage.text("got it"), c.message()); // answers every ping meanwhile
            }
        }

        @Test
        void dropsTheConnectionWhenNoPongComesInTime() throws Exception {
            CompletableFuture<WebSocketDisconnect> ended = new CompletableFuture<>();
            Application app = ws((scope, rc, sd) -> {
                receive(rc);
                send(sd, new WebSocketAccept());
                send(sd, new WebSocketKeepalive(Duration.ofMillis(200), Optional.of(Duration.ofMillis(300))));
                ended.complete((WebSocketDisconnect) receive(rc));
            });
            try (LiveServer s = LiveServer.start(app, VT); WsClient c = WsClient.open(s.port())) {
                // the client reads nothing, so it never answers a ping
                assertEquals(new WebSocketDisconnect(1006, "keepalive_timeout"), ended.get(5, TimeUnit.SECONDS));
                assertTrue(c.closedByServer());
            }
        }
    }

    @Nested
    class Compression {
        @Test
        void negotiatesPermessageDeflateAndEchoesCompressedMessages() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.open(s.port(), "/", List.of(), true)) {
                assertTrue(c.head().toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"),
                        c.head());
                for (int i = 0; i < 20; i++) {
                    String text = ("message " + i + " ").repeat(500);
                    c.sendText(text);
                    assertEquals(WebSocketMessage.text(text), c.message());
                }
                c.sendBinary(Bytes.of(new byte[300_000]));
                assertEquals(WebSocketMessage.bytes(Bytes.of(new byte[300_000])), c.message());
            }
        }

        @Test
        void acceptsEveryNegotiationParameterAndKeepsMessagesIntact() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.openOffering(s.port(), "permessage-deflate; server_no_context_takeover;"
                            + " client_no_context_takeover; server_max_window_bits=10; client_max_window_bits")) {
                String answer = c.head().toLowerCase(java.util.Locale.ROOT);
                assertTrue(answer.contains("server_no_context_takeover"), c.head());
                assertTrue(answer.contains("client_no_context_takeover"), c.head());
                assertTrue(answer.contains("server_max_window_bits=10"), c.head());
                for (int i = 0; i < 5; i++) {
                    String text = "the same words again and again ".repeat(200 + i);
                    c.sendText(text);
                    assertEquals(WebSocketMessage.text(text), c.message());
                }
            }
        }

        @Test
        void skipsAnOfferItCannotReadAndTakesTheNextOne() throws Exception {
            try (LiveServer s = LiveServer.start(echo(new CompletableFuture<>()), VT);
                    WsClient c = WsClient.openOffering(s.port(),
                            "permessage-deflate; server_max_window_bits=99, permessage-deflate")) {
                assertTrue(c.head().toLowerCase(java.util.Locale.ROOT)
                        .contains("sec-websocket-extensions: permessage-deflate\r\n"), c.head());
                c.sendText("second offer");
                assertEquals(WebSocketMessage.text("second offer"), c.message());
            }
        }

        @Test
        void leavesCompressionOffWhenTheSettingSaysSo() throws Exception {
            WebSocketSettings off = new WebSocketSettings(WebSocketLimits.defaults(), false,
                    WebSocketSettings.DEFAULT_CLOSE_TIMEOUT, Duration.ZERO);
            try (LiveServer s = server(echo(new CompletableFuture<>()), off);
                    WsClient c = WsClient.open(s.port(), "/", List.of(), true)) {
                assertTrue(!c.head().toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"), c.head());
                c.sendText("plain");
                assertEquals(WebSocketMessage.text("plain"), c.message());
            }
        }

        @Test
        void closesWith1009WhenASmallFrameInflatesPastTheLimit() throws Exception {
            WebSocketSettings small = new WebSocketSettings(new WebSocketLimits(64 * 1024), true,
                    WebSocketSettings.DEFAULT_CLOSE_TIMEOUT, Duration.ZERO);
            try (LiveServer s = server(echo(new CompletableFuture<>()), small);
                    WsClient c = WsClient.open(s.port(), "/", List.of(), true)) {
                c.sendBinary(Bytes.of(new byte[10 * 1024 * 1024])); // about 10 KiB on the wire
                assertEquals(1009, c.expectClose().code());
            }
        }
    }
}
