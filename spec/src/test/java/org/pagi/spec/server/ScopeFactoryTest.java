package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.WebSocketScope;

class ScopeFactoryTest {

    private static final ConnectionInfo PLAIN = new ConnectionInfo(false,
            Optional.of(Endpoint.of("192.0.2.1", 50000)), Optional.of(Endpoint.of("192.0.2.2", 8080)), "");
    private static final ConnectionInfo TLS = new ConnectionInfo(true, Optional.empty(), Optional.empty(), "/app");

    private static RequestHead head(String method, String target, String... headers) {
        return new RequestHead(method, Bytes.latin1(target), "1.1", Headers.of(headers));
    }

    private static ScopeFactory.Kind classify(String method, String... headers) {
        return ScopeFactory.classify(head(method, "/", headers));
    }

    @Nested
    class Classify {
        @Test
        void aWebSocketUpgradeIsWebSocket() {
            assertEquals(ScopeFactory.Kind.WEBSOCKET, classify("GET", "Upgrade", "websocket", "Connection", "Upgrade"));
        }

        @Test
        void upgradeTokensAreCaseInsensitiveAndMayBeInLists() {
            assertEquals(ScopeFactory.Kind.WEBSOCKET,
                    classify("GET", "upgrade", "WebSocket", "connection", "keep-alive, UPGRADE"));
            assertEquals(ScopeFactory.Kind.WEBSOCKET,
                    classify("GET", "connection", "keep-alive", "connection", "upgrade", "upgrade", "websocket"));
        }

        @Test
        void anUpgradeWithoutConnectionUpgradeIsNotWebSocket() {
            assertEquals(ScopeFactory.Kind.HTTP, classify("GET", "Upgrade", "websocket"));
            assertEquals(ScopeFactory.Kind.HTTP, classify("GET", "Connection", "upgrade"));
        }

        @Test
        void anotherUpgradeIsPlainHttp() {
            assertEquals(ScopeFactory.Kind.HTTP, classify("GET", "Upgrade", "h2c", "Connection", "Upgrade"));
        }

        @Test
        void aWebSocketUpgradeWinsOverAnEventStreamAccept() {
            assertEquals(ScopeFactory.Kind.WEBSOCKET, classify("GET", "Accept", "text/event-stream",
                    "Upgrade", "websocket", "Connection", "Upgrade"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "text/event-stream",
                "TEXT/Event-Stream",
                "text/event-stream; charset=utf-8",
                "text/html, text/event-stream;q=0.9",
                "application/json,text/event-stream",
                "  text/event-stream  "
        })
        void anEventStreamAcceptIsSse(String accept) {
            assertEquals(ScopeFactory.Kind.SSE, classify("GET", "Accept", accept));
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
        void sseDoesNotDependOnTheMethod(String method) {
            assertEquals(ScopeFactory.Kind.SSE, classify(method, "Accept", "text/event-stream"));
        }

        @Test
        void anyOfSeveralAcceptFieldsCounts() {
            assertEquals(ScopeFactory.Kind.SSE, classify("GET", "Accept", "text/html", "Accept", "text/event-stream"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/html", "text/event-streams", "text/*", "*/*", "application/event-stream", ""})
        void otherAcceptValuesArePlainHttp(String accept) {
            assertEquals(ScopeFactory.Kind.HTTP, classify("GET", "Accept", accept));
        }

        @Test
        void noHeadersIsPlainHttp() {
            assertEquals(ScopeFactory.Kind.HTTP, classify("GET"));
        }

        @Test
        void thePathPlaysNoPart() {
            assertEquals(ScopeFactory.Kind.HTTP, ScopeFactory.classify(head("GET", "/events")));
            assertEquals(ScopeFactory.Kind.SSE,
                    ScopeFactory.classify(head("GET", "/not-events", "accept", "text/event-stream")));
        }
    }

    @Nested
    class RequestInfoKeys {
        @Test
        void copiesTheHeadAndConnectionIntoTheRequestKeys() {
            RequestHead h = new RequestHead("POST", Bytes.ascii("/caf%C3%A9/x?a=%20&b"), "1.0",
                    Headers.of("Host", "example.com"));
            RequestInfo info = ScopeFactory.requestInfo(h, PLAIN, ScopeFactory.Kind.HTTP);
            assertEquals(new RequestInfo("1.0", "POST", "http", "/caf\u00e9/x", Bytes.ascii("/caf%C3%A9/x"),
                    Bytes.ascii("a=%20&b"), "", Headers.of("host", "example.com"), PLAIN.client(), PLAIN.server()),
                    info);
        }

        @ParameterizedTest
        @CsvSource({"false, HTTP, http", "true, HTTP, https", "false, SSE, http", "true, SSE, https",
                "false, WEBSOCKET, ws", "true, WEBSOCKET, wss"})
        void choosesTheSchemeFromTheKindAndTls(boolean secure, ScopeFactory.Kind kind, String scheme) {
            ConnectionInfo c = new ConnectionInfo(secure, Optional.empty(), Optional.empty(), "");
            assertEquals(scheme, ScopeFactory.requestInfo(head("GET", "/"), c, kind).scheme());
        }

        @Test
        void takesTheRootPathFromTheConnection() {
            assertEquals("/app", ScopeFactory.requestInfo(head("GET", "/"), TLS, ScopeFactory.Kind.HTTP).rootPath());
        }

        @Test
        void theAsteriskTargetHasPathStar() {
            RequestInfo info = ScopeFactory.requestInfo(head("OPTIONS", "*"), PLAIN, ScopeFactory.Kind.HTTP);
            assertEquals("*", info.path());
            assertEquals(Bytes.ascii("*"), info.rawPath());
        }

        @Test
        void anAbsoluteFormTargetKeepsOnlyPathAndQuery() {
            RequestInfo info = ScopeFactory.requestInfo(head("GET", "http://example.com"), PLAIN,
                    ScopeFactory.Kind.HTTP);
            assertEquals("/", info.path());
            assertEquals(Bytes.ascii("/"), info.rawPath());
        }

        @Test
        void connectIsRejectedWith501() {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> ScopeFactory.requestInfo(head("CONNECT", "example.com:443"), PLAIN, ScopeFactory.Kind.HTTP));
            assertEquals(501, e.status());
        }

        @Test
        void aFragmentSpaceOrNonAsciiByteIsRejectedWith400() {
            for (String target : List.of("/a#b", "/a b", "/caf\u00e9")) {
                InvalidRequestException e = assertThrows(InvalidRequestException.class,
                        () -> ScopeFactory.requestInfo(head("GET", target), PLAIN, ScopeFactory.Kind.HTTP), target);
                assertEquals(400, e.status(), target);
            }
        }

        @Test
        void anInvalidUtf8PathFallsBackToOneCharPerByte() {
            RequestInfo info = ScopeFactory.requestInfo(head("GET", "/%E9t%E9"), PLAIN, ScopeFactory.Kind.HTTP);
            assertEquals("/\u00e9t\u00e9", info.path());
        }

        @Test
        void normalizesCookies() {
            RequestInfo info = ScopeFactory.requestInfo(head("GET", "/", "cookie", "a=1", "cookie", "b=2"), PLAIN,
                    ScopeFactory.Kind.HTTP);
            assertEquals(List.of("a=1; b=2"), info.headers().all("cookie"));
        }
    }

    @Nested
    class Cookies {
        @Test
        void joinsSeveralCookieFieldsAtThePlaceOfTheFirst() {
            Headers in = Headers.of("host", "h", "Cookie", "a=1", "accept", "*/*", "cookie", "b=2", "COOKIE", "c=3",
                    "x-last", "z");
            assertEquals(Headers.of("host", "h", "cookie", "a=1; b=2; c=3", "accept", "*/*", "x-last", "z"),
                    ScopeFactory.normalizeCookies(in));
        }

        @Test
        void leavesASingleCookieFieldAlone() {
            Headers in = Headers.of("cookie", "a=1; b=2", "x", "y");
            assertSame(in, ScopeFactory.normalizeCookies(in));
        }

        @Test
        void leavesHeadersWithoutCookiesAlone() {
            Headers in = Headers.of("x", "y");
            assertSame(in, ScopeFactory.normalizeCookies(in));
        }

        @Test
        void keepsCookieBytesExactly() {
            Headers in = Headers.builder()
                    .add("cookie", Bytes.of(new byte[] {'a', '=', (byte) 0xE9}))
                    .add("cookie", Bytes.of(new byte[] {'b', '=', (byte) 0xFF}))
                    .build();
            Header joined = ScopeFactory.normalizeCookies(in).list().get(0);
            assertEquals(Bytes.of(new byte[] {'a', '=', (byte) 0xE9, ';', ' ', 'b', '=', (byte) 0xFF}), joined.value());
        }
    }

    @Nested
    class Subprotocols {
        @Test
        void splitsEveryFieldOnCommasAndTrims() {
            Headers h = Headers.of("Sec-WebSocket-Protocol", "chat, superchat", "sec-websocket-protocol", " v2 ");
            assertEquals(List.of("chat", "superchat", "v2"), ScopeFactory.subprotocols(h));
        }

        @Test
        void dropsEmptyEntries() {
            assertEquals(List.of("a", "b"), ScopeFactory.subprotocols(Headers.of("sec-websocket-protocol", "a,, b, ,")));
        }

        @Test
        void isEmptyWithoutTheHeader() {
            assertEquals(List.of(), ScopeFactory.subprotocols(Headers.empty()));
        }
    }

    @Nested
    class Scopes {
        private final State lifespan = new State().put("pool", new ArrayList<String>());

        private RequestInfo info(ScopeFactory.Kind kind, String... headers) {
            return ScopeFactory.requestInfo(head("GET", "/", headers), PLAIN, kind);
        }

        @Test
        void httpScopeGetsAShallowCopyOfTheState() {
            ConnectionTracker connection = new ConnectionTracker();
            FlowTracker transport = new FlowTracker();
            HttpScope s = ScopeFactory.http(info(ScopeFactory.Kind.HTTP), lifespan, Extensions.none(), connection,
                    transport);
            assertNotSame(lifespan, s.state());
            assertSame(lifespan.get("pool").orElseThrow(), s.state().get("pool").orElseThrow());
            s.state().put("request-only", 1);
            assertEquals(Set.of("pool"), lifespan.keys());
            assertSame(connection, s.connection());
            assertSame(transport, s.transport());
            assertEquals(PagiInfo.current(), s.pagi());
            assertEquals(Map.of(), s.attributes());
        }

        @Test
        void eachScopeGetsItsOwnCopy() {
            HttpScope a = ScopeFactory.http(info(ScopeFactory.Kind.HTTP), lifespan, Extensions.none(),
                    new ConnectionTracker(), new FlowTracker());
            HttpScope b = ScopeFactory.http(info(ScopeFactory.Kind.HTTP), lifespan, Extensions.none(),
                    new ConnectionTracker(), new FlowTracker());
            a.state().put("only-a", true);
            assertEquals(Set.of("pool"), b.state().keys());
        }

        @Test
        void websocketScopeParsesSubprotocolsAndCopiesTheState() {
            WebSocketScope s = ScopeFactory.websocket(
                    info(ScopeFactory.Kind.WEBSOCKET, "sec-websocket-protocol", "chat, v2"), lifespan,
                    Extensions.none().with(Extensions.WEBSOCKET_HTTP_RESPONSE), new FlowTracker());
            assertEquals(List.of("chat", "v2"), s.subprotocols());
            assertEquals("ws", s.scheme());
            assertNotSame(lifespan, s.state());
            assertTrue(s.extensions().has(Extensions.WEBSOCKET_HTTP_RESPONSE));
        }

        @Test
        void sseScopeCopiesTheState() {
            SseScope s = ScopeFactory.sse(info(ScopeFactory.Kind.SSE), lifespan, Extensions.none(), new FlowTracker());
            assertNotSame(lifespan, s.state());
            assertEquals(lifespan.keys(), s.state().keys());
            assertEquals("sse", s.type());
        }

        @Test
        void aRequestOfTheWrongKindIsRefusedByTheScope() {
            RequestInfo ws = info(ScopeFactory.Kind.WEBSOCKET);
            assertThrows(IllegalArgumentException.class, () -> ScopeFactory.http(ws, lifespan, Extensions.none(),
                    new ConnectionTracker(), new FlowTracker()));
            RequestInfo http = info(ScopeFactory.Kind.HTTP);
            assertThrows(IllegalArgumentException.class,
                    () -> ScopeFactory.websocket(http, lifespan, Extensions.none(), new FlowTracker()));
        }
    }
}
