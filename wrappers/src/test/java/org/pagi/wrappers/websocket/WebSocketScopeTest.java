package org.pagi.wrappers.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.State;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.WebSocketScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.routing.Router;

/** The scope accessors, path parameters from the router, state and stash, read from both handler modes. */
@Timeout(20)
class WebSocketScopeTest {

    /** An app that accepts, sends {@code read(ws)} as text, and closes. */
    private static Application reporting(Mode mode, Function<WebSocket, String> read) {
        return mode.app(
                ws -> ws.accept().thenCompose(v -> ws.sendText(read.apply(ws))).thenCompose(v -> ws.close()),
                ws -> {
                    ws.accept();
                    ws.sendText(read.apply(ws.webSocket()));
                    ws.close();
                });
    }

    private static String text(TestClient client, String path, Function<
            org.pagi.testing.WebSocketRequestBuilder, org.pagi.testing.WebSocketRequestBuilder> setup) {
        try (WebSocketSession s = setup.apply(client.websocket(path)).connect()) {
            String t = s.receiveText();
            s.expectClose(1000);
            return t;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void readsTheHandshakeRequest(Mode mode) {
        TestClient client = TestClient.builder(reporting(mode, ws -> String.join("|", ws.path(),
                ws.rawPath().latin1(), ws.rootPath(), ws.scheme(), ws.httpVersion(),
                ws.header("X-Trace").orElse("-"), String.valueOf(ws.headers().contains("sec-websocket-key")),
                String.join(",", ws.subprotocols()), ws.queryParam("room").orElse("-"),
                String.valueOf(ws.query().getAll("tag")), ws.cookies().get("sid").orElse("-"),
                String.valueOf(ws.client().isPresent()), String.valueOf(ws.server().isPresent()),
                String.valueOf(ws.scope() instanceof WebSocketScope))))
                .rootPath("/app").build();
        assertEquals("/chat room|/chat%20room|/app|ws|1.1|t-1|true|a,b|lobby|[x, y]|s3|true|true|true",
                text(client, "/chat%20room?room=lobby&tag=x&tag=y", b -> b.header("x-trace", "t-1")
                        .subprotocols("a", "b").cookie("sid", "s3")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pathParamsComeFromTheRouterAndAMissingNameListsTheOthers(Mode mode) {
        Router router = Router.builder().websocket("/rooms/{room}/{id:int}", reporting(mode, ws -> {
            String missing = assertThrows(IllegalArgumentException.class, () -> ws.pathParam("user")).getMessage();
            return ws.pathParam("room") + "|" + ws.pathParams() + "|" + missing;
        })).build();
        assertEquals("lobby|{room=lobby, id=7}|no path parameter 'user'; this route has [id, room]",
                text(TestClient.of(router), "/rooms/lobby/7", b -> b));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stateIsTheLifespanCopyAndTheStashIsPerSessionOrTheMiddlewaresMap(Mode mode) {
        State state = new State().put("db", "pool");
        TestClient client = TestClient.builder(reporting(mode, ws -> {
            ws.stash().put("n", 1);
            return ws.state().get("db").orElse("-") + "|" + ws.stash();
        })).state(state).build();
        assertEquals("pool|{n=1}", text(client, "/", b -> b));
        assertEquals("pool|{n=1}", text(client, "/", b -> b), "a fresh stash per session");

        Map<String, Object> shared = new ConcurrentHashMap<>(Map.of("user", "ann"));
        Application inner = reporting(mode, ws -> {
            ws.stash().put("n", 2);
            return String.valueOf(new TreeMap<>(ws.stash()));
        });
        Application withStash = (scope, receive, send) ->
                inner.call(((WebSocketScope) scope).withAttribute(Request.STASH, shared), receive, send);
        assertEquals("{n=2, user=ann}", text(TestClient.of(withStash), "/", b -> b));
        assertEquals(2, shared.get("n"), "the handler wrote into the middleware's map");
    }

    @Test
    void ofRefusesAnotherScopeType() {
        Application app = (scope, receive, send) -> {
            UnsupportedScopeException e = assertThrows(UnsupportedScopeException.class,
                    () -> WebSocket.of(scope, receive, send));
            return org.pagi.wrappers.response.Response.text(e.getMessage()).respond(scope, send);
        };
        String body = TestClient.of(app).get("/").send().text();
        assertTrue(body.contains("http"), body);
    }

    @Test
    void theBlockingViewWrapsTheSameSocket() {
        Application app = Mode.BLOCKING.app(ws -> CompletableFuture.completedFuture(null), ws -> {
            assertSame(ws.webSocket(), ws.webSocket().blocking().webSocket().blocking().webSocket());
            assertEquals(ws, ws.webSocket().blocking());
            ws.accept();
            ws.sendText(List.of("ok").get(0));
        });
        try (WebSocketSession s = TestClient.of(app).websocket("/").connect()) {
            assertEquals("ok", s.receiveText());
        }
    }
}
