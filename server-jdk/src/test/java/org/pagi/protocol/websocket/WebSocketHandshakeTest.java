package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.server.RequestHead;

class WebSocketHandshakeTest {
    /** RFC 6455 section 1.3's sample key and the accept value it gives. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    static RequestHead head(String method, String version, String... headers) {
        List<String> all = new ArrayList<>(List.of("host", "example.com", "upgrade", "websocket", "connection", "Upgrade"));
        all.addAll(List.of(headers));
        return new RequestHead(method, Bytes.ascii("/chat"), version, Headers.of(all.toArray(String[]::new)));
    }

    static RequestHead valid(String... more) {
        List<String> h = new ArrayList<>(List.of("sec-websocket-key", KEY, "sec-websocket-version", "13"));
        h.addAll(List.of(more));
        return head("GET", "1.1", h.toArray(String[]::new));
    }

    static WebSocketHandshake.Rejected rejected(WebSocketHandshake.Outcome o) {
        return assertInstanceOf(WebSocketHandshake.Rejected.class, o);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void computesTheRfcSampleAcceptKey() {
        assertEquals(ACCEPT, WebSocketHandshake.acceptKey(KEY));
    }

    @Nested
    class ServerCheck {
        @Test
        void acceptsAValidRequest() {
            assertEquals(new WebSocketHandshake.Accepted(ACCEPT, Optional.empty()), WebSocketHandshake.check(valid(), true));
        }

        @Test
        void answers405WithAllowForAnotherMethod() {
            WebSocketHandshake.Rejected r = rejected(WebSocketHandshake.check(head("POST", "1.1", "sec-websocket-key", KEY,
                    "sec-websocket-version", "13"), false));
            assertEquals(405, r.status());
            assertEquals(Headers.of("allow", "GET"), r.headers());
        }

        @Test
        void answers400ForHttp10() {
            assertEquals(400, rejected(WebSocketHandshake.check(head("GET", "1.0", "sec-websocket-key", KEY,
                    "sec-websocket-version", "13"), false)).status());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZSE=", "dGhlIHNhbXBsZSBub25jZQ=!",
            "dGhlIHNhbXBsZSBub25jZSEhIQ=="})
        void answers400ForAKeyThatIsNotSixteenBytesOfBase64(String key) {
            WebSocketHandshake.Rejected r = rejected(WebSocketHandshake.check(
                    head("GET", "1.1", "sec-websocket-key", key, "sec-websocket-version", "13"), false));
            assertEquals(400, r.status());
            assertFalse(key.length() > 3 && r.detail().contains(key), "the detail never echoes the key");
        }

        @Test
        void answers400ForAMissingOrRepeatedKey() {
            assertEquals(400, rejected(WebSocketHandshake.check(head("GET", "1.1", "sec-websocket-version", "13"), false)).status());
            assertEquals(400, rejected(WebSocketHandshake.check(valid("sec-websocket-key", KEY), false)).status());
        }

        @Test
        void answers426WithTheVersionWeSpeakForAnyOtherVersion() {
            for (RequestHead h : List.of(head("GET", "1.1", "sec-websocket-key", KEY),
                    head("GET", "1.1", "sec-websocket-key", KEY, "sec-websocket-version", "8"),
                    head("GET", "1.1", "sec-websocket-key", KEY, "sec-websocket-version", "13, 8"),
                    valid("sec-websocket-version", "13"))) {
                WebSocketHandshake.Rejected r = rejected(WebSocketHandshake.check(h, false));
                assertEquals(426, r.status());
                assertEquals(Headers.of("sec-websocket-version", "13"), r.headers());
            }
        }

        @Test
        void negotiatesDeflateOnlyWhenEnabled() {
            RequestHead h = valid("sec-websocket-extensions", "foo", "sec-websocket-extensions",
                    "permessage-deflate; client_max_window_bits");
            assertEquals(Optional.of(DeflateParams.defaults()),
                    ((WebSocketHandshake.Accepted) WebSocketHandshake.check(h, true)).deflate());
            assertEquals(Optional.empty(), ((WebSocketHandshake.Accepted) WebSocketHandshake.check(h, false)).deflate());
        }
    }

    @Nested
    class ServerResponse {
        private final WebSocketHandshake.Accepted accepted = new WebSocketHandshake.Accepted(ACCEPT, Optional.empty());

        @Test
        void writesTheSwitchingProtocolsHead() {
            assertEquals("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                    + "sec-websocket-accept: " + ACCEPT + "\r\ndate: D\r\nserver: pagi\r\n\r\n",
                    text(WebSocketHandshake.response(accepted, Optional.empty(), Headers.empty(), "D", Optional.of("pagi"))));
        }

        @Test
        void namesTheSubprotocolAndTheAgreedExtension() {
            WebSocketHandshake.Accepted withDeflate = new WebSocketHandshake.Accepted(ACCEPT,
                    Optional.of(new DeflateParams(true, false, 15, 15)));
            assertEquals("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                    + "sec-websocket-accept: " + ACCEPT + "\r\nsec-websocket-protocol: chat\r\n"
                    + "sec-websocket-extensions: permessage-deflate; server_no_context_takeover\r\ndate: D\r\n\r\n",
                    text(WebSocketHandshake.response(withDeflate, Optional.of("chat"), Headers.empty(), "D", Optional.empty())));
        }

        @Test
        void keepsTheAppsHeadersButNotThoseTheServerOwns() {
            Headers extra = Headers.of("x-app", "1", "Upgrade", "h2c", "connection", "close", "sec-websocket-accept", "x",
                    "sec-websocket-extensions", "x", "content-length", "5", "transfer-encoding", "chunked",
                    "sec-websocket-protocol", "other", "date", "APP", "server", "app", "set-cookie", "a=b");
            String head = text(WebSocketHandshake.response(accepted, Optional.of("chat"), extra, "D", Optional.of("pagi")));
            assertEquals("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                    + "sec-websocket-accept: " + ACCEPT + "\r\nsec-websocket-protocol: chat\r\nx-app: 1\r\ndate: APP\r\n"
                    + "server: app\r\nset-cookie: a=b\r\n\r\n", head);
        }

        @Test
        void theAppMayNameTheSubprotocolInItsHeadersInstead() {
            String head = text(WebSocketHandshake.response(accepted, Optional.empty(),
                    Headers.of("sec-websocket-protocol", "chat"), "D", Optional.empty()));
            assertTrue(head.contains("\r\nsec-websocket-protocol: chat\r\n"), head);
        }

        @Test
        void rejectsASubprotocolThatIsNotAToken() {
            assertThrows(IllegalArgumentException.class, () -> WebSocketHandshake.response(accepted,
                    Optional.of("a b"), Headers.empty(), "D", Optional.empty()));
        }
    }

    @Nested
    class Client {
        @Test
        void makesSixteenByteKeysFromTheGenerator() {
            String key = WebSocketHandshake.newKey(new Random(7));
            assertEquals(16, Base64.getDecoder().decode(key).length);
            assertEquals(key, WebSocketHandshake.newKey(new Random(7)));
            assertInstanceOf(WebSocketHandshake.Accepted.class, WebSocketHandshake.check(head("GET", "1.1",
                    "sec-websocket-key", key, "sec-websocket-version", "13"), false));
        }

        @Test
        void writesAnUpgradeRequestTheServerAccepts() throws Exception {
            byte[] request = WebSocketHandshake.request("example.com", "/chat?x=1", KEY, List.of("chat", "superchat"), true,
                    Headers.of("origin", "http://example.com"));
            assertEquals("GET /chat?x=1 HTTP/1.1\r\nhost: example.com\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                    + "sec-websocket-key: " + KEY + "\r\nsec-websocket-version: 13\r\n"
                    + "sec-websocket-protocol: chat, superchat\r\n"
                    + "sec-websocket-extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "origin: http://example.com\r\n\r\n", text(request));
            Http1Parser parser = new Http1Parser(Http1Parser.Role.SERVER, Http1Limits.defaults());
            parser.feed(ByteBuffer.wrap(request));
            RequestHead parsed = ((Http1Event.Request) parser.next()).head();
            assertEquals(new WebSocketHandshake.Accepted(ACCEPT, Optional.of(DeflateParams.defaults())),
                    WebSocketHandshake.check(parsed, true));
        }

        @Test
        void leavesOutTheOptionalHeaders() {
            String request = text(WebSocketHandshake.request("h", "/", KEY, List.of(), false, Headers.empty()));
            assertFalse(request.contains("sec-websocket-protocol"), request);
            assertFalse(request.contains("sec-websocket-extensions"), request);
        }

        @Test
        void acceptsTheServersOwnResponse() throws Exception {
            byte[] response = WebSocketHandshake.response(new WebSocketHandshake.Accepted(ACCEPT, Optional.empty()),
                    Optional.empty(), Headers.empty(), "D", Optional.empty());
            Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT, Http1Limits.defaults());
            parser.feed(ByteBuffer.wrap(response));
            Http1Event.Response r = (Http1Event.Response) parser.next();
            assertEquals(Optional.empty(), WebSocketHandshake.verifyResponse(r.status(), r.headers(), KEY));
        }

        @Test
        void acceptsTokensInAnyCaseAndInLists() {
            Headers h = Headers.of("upgrade", "WebSocket", "connection", "keep-alive, UPGRADE", "sec-websocket-accept", ACCEPT);
            assertEquals(Optional.empty(), WebSocketHandshake.verifyResponse(101, h, KEY));
        }

        @Test
        void reportsEachWayTheResponseCanBeWrong() {
            Headers good = Headers.of("upgrade", "websocket", "connection", "Upgrade", "sec-websocket-accept", ACCEPT);
            assertTrue(WebSocketHandshake.verifyResponse(200, good, KEY).orElseThrow().contains("200"));
            assertTrue(WebSocketHandshake.verifyResponse(101, good.without("upgrade"), KEY).orElseThrow().contains("Upgrade"));
            assertTrue(WebSocketHandshake.verifyResponse(101, good.replace("connection", "close"), KEY).orElseThrow()
                    .contains("Connection"));
            assertTrue(WebSocketHandshake.verifyResponse(101, good.replace("sec-websocket-accept", "x"), KEY).orElseThrow()
                    .contains("Accept"));
            assertTrue(WebSocketHandshake.verifyResponse(101, good.with("sec-websocket-accept", ACCEPT), KEY).isPresent());
            assertTrue(WebSocketHandshake.verifyResponse(101, good, "AAAAAAAAAAAAAAAAAAAAAA==").isPresent());
        }
    }
}
