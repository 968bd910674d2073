package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** The records of a {@code websocket} scope, one nested group per record. */
class WebSocketEventsTest {

    @Nested
    class Close {
        @Test
        void hasTheSpecType() {
            assertEquals("websocket.close", new WebSocketClose().type());
        }

        @Test
        void defaultsToANormalCloseWithNoReason() {
            assertEquals(new WebSocketClose(1000, ""), new WebSocketClose());
            assertEquals(new WebSocketClose(4000, ""), new WebSocketClose(4000));
        }

        @Test
        void acceptsExactlyTheCodesRfc6455LetsAnEndpointSend() {
            // RFC 6455 7.4.1/7.4.2: 1004 is reserved; 1005, 1006 and 1015 only report; 1016-2999 belong to IANA
            // registrations not yet made; 3000-4999 are for libraries and applications.
            for (int code = -1; code <= 6000; code++) {
                boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                        || (code >= 3000 && code <= 4999);
                int c = code;
                if (sendable) {
                    assertEquals(code, new WebSocketClose(code).code());
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> new WebSocketClose(c), "code " + code);
                    assertTrue(e.getMessage().contains("RFC 6455 7.4"), e.getMessage());
                }
            }
        }

        @Test
        void acceptsAReasonOfExactly123Utf8Bytes() {
            String reason = "\u20ac".repeat(41); // 3 bytes each: 123
            assertEquals(reason, new WebSocketClose(1000, reason).reason());
        }

        @Test
        void rejectsAReasonOver123Utf8BytesCountingBytesNotChars() {
            String reason = "\u20ac".repeat(42); // 42 chars, 126 bytes
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketClose(1000, reason));
            assertEquals("websocket.close: reason is 126 bytes of UTF-8; a close frame holds at most 123",
                    e.getMessage());
        }

        @Test
        void rejectsA124ByteAsciiReason() {
            assertThrows(IllegalArgumentException.class, () -> new WebSocketClose(1000, "a".repeat(124)));
        }
    }

    @Nested
    class Disconnect {
        @Test
        void hasTheSpecType() {
            assertEquals("websocket.disconnect", new WebSocketDisconnect(1000, "").type());
        }

        @ParameterizedTest
        @ValueSource(ints = {1000, 1005, 1006, 1015, 4999})
        void acceptsReportOnlyCodes(int code) {
            assertEquals(code, new WebSocketDisconnect(code, "client_closed").code());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 5000})
        void rejectsCodesOutside1000To4999(int code) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketDisconnect(code, ""));
            assertEquals("websocket.disconnect: code must be 1000-4999, got " + code, e.getMessage());
        }
    }

    @Nested
    class Accept {
        @Test
        void hasTheSpecType() {
            assertEquals("websocket.accept", new WebSocketAccept().type());
        }

        @Test
        void defaultsToNoSubprotocolAndNoHeaders() {
            assertEquals(new WebSocketAccept(Optional.empty(), Headers.empty()), new WebSocketAccept());
        }

        @Test
        void withSubprotocolCarriesIt() {
            assertEquals(Optional.of("chat"), WebSocketAccept.withSubprotocol("chat").subprotocol());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t"})
        void rejectsABlankSubprotocol(String blank) {
            assertThrows(IllegalArgumentException.class, () -> WebSocketAccept.withSubprotocol(blank));
        }
    }

    @Nested
    class Keepalive {
        @Test
        void hasTheSpecType() {
            assertEquals("websocket.keepalive",
                    new WebSocketKeepalive(Duration.ZERO, Optional.empty()).type());
        }

        @Test
        void acceptsAZeroIntervalToStopPings() {
            assertEquals(Duration.ZERO, new WebSocketKeepalive(Duration.ZERO, Optional.empty()).interval());
        }

        @Test
        void rejectsANegativeInterval() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketKeepalive(Duration.ofMillis(-1), Optional.empty()));
            assertEquals("websocket.keepalive: interval must be 0 or more, got PT-0.001S", e.getMessage());
        }

        @Test
        void rejectsAZeroOrNegativeTimeout() {
            assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketKeepalive(Duration.ofSeconds(1), Optional.of(Duration.ZERO)));
            assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketKeepalive(Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(-1))));
        }

        @Test
        void acceptsAPositiveTimeout() {
            assertEquals(Optional.of(Duration.ofSeconds(5)),
                    new WebSocketKeepalive(Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(5))).timeout());
        }
    }

    @Nested
    class Messages {
        @Test
        void sendAndReceiveHaveTheSpecTypes() {
            assertEquals("websocket.send", WebSocketSend.text("a").type());
            assertEquals("websocket.receive", WebSocketReceive.text("a").type());
        }

        @Test
        void aTextMessageHasTextAndNoBytes() {
            WebSocketSend s = WebSocketSend.text("hi");
            assertEquals(Optional.of("hi"), s.text());
            assertEquals(Optional.empty(), s.bytes());
            WebSocketReceive r = WebSocketReceive.text("hi");
            assertEquals(Optional.of("hi"), r.text());
            assertEquals(Optional.empty(), r.bytes());
        }

        @Test
        void aBinaryMessageHasBytesAndNoText() {
            WebSocketSend s = WebSocketSend.bytes(Bytes.ascii("b"));
            assertEquals(Optional.of(Bytes.ascii("b")), s.bytes());
            assertEquals(Optional.empty(), s.text());
            WebSocketReceive r = WebSocketReceive.bytes(Bytes.ascii("b"));
            assertEquals(Optional.of(Bytes.ascii("b")), r.bytes());
            assertEquals(Optional.empty(), r.text());
        }

        @Test
        void textAndBinaryWithTheSameContentDiffer() {
            assertNotEquals(WebSocketSend.text("a"), WebSocketSend.bytes(Bytes.ascii("a")));
        }

        @Test
        void textPrintsBoundedTo64Chars() {
            assertEquals("Text[\"" + "x".repeat(64) + "\"...]", WebSocketMessage.text("x".repeat(1000)).toString());
            assertEquals("Text[\"short\"]", WebSocketMessage.text("short").toString());
        }

        @Test
        void rejectsNullPayloads() {
            assertThrows(NullPointerException.class, () -> WebSocketMessage.text(null));
            assertThrows(NullPointerException.class, () -> WebSocketMessage.bytes(null));
            assertThrows(NullPointerException.class, () -> new WebSocketSend(null));
        }
    }

    @Nested
    class Denial {
        @Test
        void haveTheSpecTypes() {
            assertEquals("websocket.http.response.start",
                    new WebSocketHttpResponseStart(403, Headers.empty()).type());
            assertEquals("websocket.http.response.body",
                    new WebSocketHttpResponseBody(Bytes.empty(), false).type());
        }

        @Test
        void startRejectsAStatusOutsideTheRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocketHttpResponseStart(600, Headers.empty()));
            assertEquals("websocket.http.response.start: status must be 100-599, got 600", e.getMessage());
        }
    }

    @Nested
    class Connect {
        @Test
        void hasTheSpecType() {
            assertEquals("websocket.connect", new WebSocketConnect().type());
        }
    }
}
