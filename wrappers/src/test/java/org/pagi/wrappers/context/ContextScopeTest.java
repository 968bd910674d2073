package org.pagi.wrappers.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.RequestScope;
import org.pagi.spec.State;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.lifespan.StateKey;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;
import org.pagi.wrappers.websocket.WebSocket;

/** Context.of, narrowing, the shared scope accessors, state, and the one stash, for all three types. */
@Timeout(20)
class ContextScopeTest {

    static final StateKey<String> GREETING = StateKey.of("test.greeting", String.class);

    @Test
    void ofPicksTheTypeByScopeAndRefusesALifespanScopeNamingIt() {
        ContextMode.Seen seen = new ContextMode.Seen();
        Application app = (scope, receive, send) -> {
            Context ctx = Context.of(scope, receive, send);
            seen.add(ctx.getClass().getSimpleName() + " " + ctx.type() + " " + ctx.isHttp() + ctx.isWebSocket()
                    + ctx.isSse());
            return switch (ctx) {
                case HttpContext http -> http.respond(Response.text("ok"));
                case WebSocketContext ws -> ws.close();
                case SseContext sse -> sse.close();
            };
        };
        TestClient client = TestClient.of(app);
        client.get("/").send();
        assertEquals("HttpContext http truefalsefalse", seen.next());
        client.websocket("/").tryConnect();
        assertEquals("WebSocketContext websocket falsetruefalse", seen.next());
        client.sse("/").open().awaitEnd();
        assertEquals("SseContext sse falsefalsetrue", seen.next());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Context.of(
                new LifespanScope(PagiInfo.current(), new State()), CompletableFuture::new, ev -> null));
        assertTrue(e.getMessage().startsWith("a lifespan scope has no per-connection context"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void narrowingNamesTheActualType(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        TestClient client = TestClient.of(mode.webSocket(ws -> {
            seen.add(assertThrows(IllegalStateException.class, ws::asHttp).getMessage());
            seen.add(assertThrows(IllegalStateException.class, ws::asSse).getMessage());
            assertSame(ws, ws.asWebSocket());
            return ws.close();
        }, view -> {
            seen.add(assertThrows(IllegalStateException.class, view.context()::asHttp).getMessage());
            seen.add(assertThrows(IllegalStateException.class, view.context()::asSse).getMessage());
            assertSame(view.context(), view.context().asWebSocket());
            view.close();
        }));
        client.websocket("/").tryConnect();
        assertEquals("this is a websocket context, not an http one", seen.next());
        assertEquals("this is a websocket context, not an sse one", seen.next());
        TestClient http = TestClient.of(mode.http(
                c -> {
                    seen.add(assertThrows(IllegalStateException.class, c::asWebSocket).getMessage());
                    return c.respond(Response.empty());
                },
                v -> {
                    seen.add(assertThrows(IllegalStateException.class, v.context()::asWebSocket).getMessage());
                    v.respond(Response.empty());
                }));
        http.get("/").send();
        assertEquals("this is an http context, not a websocket one", seen.next());
    }

    /** Every shared accessor, reported as one map, so both modes and all types compare alike. */
    private static Map<String, Object> describe(Context ctx) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("path", ctx.path());
        d.put("rawPath", ctx.rawPath().utf8());
        d.put("rootPath", ctx.rootPath());
        d.put("queryString", ctx.queryString().utf8());
        d.put("scheme", ctx.scheme());
        d.put("httpVersion", ctx.httpVersion());
        d.put("client", ctx.client().isPresent());
        d.put("server", ctx.server().isPresent());
        d.put("headers", ctx.headers().all("x-trace"));
        d.put("header", ctx.header("X-TRACE"));
        d.put("query", ctx.query().getAll("tag"));
        d.put("queryParam", ctx.queryParam("tag"));
        d.put("cookie", ctx.cookies().get("sid"));
        d.put("pathParams", ctx.pathParams());
        d.put("pathParam", ctx.pathParam("room"));
        d.put("missing", assertThrows(IllegalArgumentException.class, () -> ctx.pathParam("nope")).getMessage());
        d.put("state", ctx.state().get("test.greeting"));
        d.put("stateKey", ctx.state(GREETING));
        d.put("scope", ctx.scope().type());
        d.put("host", ctx.host().isPresent());
        d.put("accepts", ctx.accepts("text/event-stream") && ctx.preferredType("text/event-stream", "text/plain")
                .equals(Optional.of("text/event-stream")));
        d.put("rawSend", ctx.rawSend() != null);
        return d;
    }

    @ParameterizedTest
    @EnumSource(ContextMode.class)
    void sharedAccessorsReadTheScopeAlikeForEveryType(ContextMode mode) {
        ContextMode.Seen seen = new ContextMode.Seen();
        Router router = Router.builder()
                .get("/rooms/{room}", mode.http(c -> {
                    seen.add(describe(c));
                    return c.respond(Response.empty());
                }, v -> {
                    seen.add(describe(v.context()));
                    v.respond(Response.empty());
                }))
                .websocket("/rooms/{room}", mode.webSocket(c -> {
                    seen.add(describe(c));
                    return c.close();
                }, v -> {
                    seen.add(describe(v.context()));
                    v.close();
                }))
                .sse("/rooms/{room}", mode.sse(c -> {
                    seen.add(describe(c));
                    return c.close();
                }, v -> {
                    seen.add(describe(v.context()));
                    v.close();
                }))
                .build();
        State state = new State();
        GREETING.put(state, "hello");
        TestClient client = TestClient.builder(router).state(state).build();
        client.get("/rooms/blue").query("tag", "a").query("tag", "b").header("x-trace", "t1").cookie("sid", "s1")
                .send();
        client.websocket("/rooms/blue").query("tag", "a").query("tag", "b").header("x-trace", "t1")
                .cookie("sid", "s1").tryConnect();
        client.sse("/rooms/blue").query("tag", "a").query("tag", "b").header("x-trace", "t1").cookie("sid", "s1")
                .open().awaitEnd();
        List<String> types = List.of("http", "websocket", "sse");
        for (String type : types) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) seen.next();
            assertEquals(type, d.get("scope"));
            assertEquals("/rooms/blue", d.get("path"));
            assertEquals("/rooms/blue", d.get("rawPath"));
            assertEquals("", d.get("rootPath"));
            assertEquals("tag=a&tag=b", d.get("queryString"));
            assertEquals(type.equals("websocket") ? "ws" : "http", d.get("scheme"));
            assertEquals("1.1", d.get("httpVersion"));
            assertEquals(true, d.get("client"));
            assertEquals(true, d.get("server"));
            assertEquals(List.of("t1"), d.get("headers"));
            assertEquals(Optional.of("t1"), d.get("header"));
            assertEquals(List.of("a", "b"), d.get("query"));
            assertEquals(Optional.of("a"), d.get("queryParam"));
            assertEquals(Optional.of("s1"), d.get("cookie"));
            assertEquals(Map.of("room", "blue"), d.get("pathParams"));
            assertEquals("blue", d.get("pathParam"));
            assertTrue(((String) d.get("missing")).contains("nope"), (String) d.get("missing"));
            assertEquals(Optional.of("hello"), d.get("state"));
            assertEquals("hello", d.get("stateKey"));
            assertEquals(true, d.get("rawSend"));
            assertEquals(true, d.get("host"));
            assertEquals(true, d.get("accepts"), "none, or the event stream's Accept");
        }
    }

    @Test
    void theStashIsOneMapForTheContextItsWrapperAndWrappersMadeFromItsScope() {
        ContextMode.Seen seen = new ContextMode.Seen();
        Map<String, Object> fromMiddleware = new ConcurrentHashMap<>(Map.of("user", "ann"));
        Application app = (scope, receive, send) -> {
            Context ctx = Context.of(scope, receive, send);
            ctx.stash().put("seen-by", ctx.type());
            RequestScope s = ctx.scope();
            return switch (ctx) {
                case HttpContext http -> {
                    seen.add(http.stash() == http.request().stash()
                            && http.stash() == Request.of(http.scope(), http.rawReceive()).stash());
                    seen.add(String.valueOf(http.stash().get("user")));
                    yield http.respond(Response.empty());
                }
                case WebSocketContext ws -> {
                    seen.add(ws.stash() == ws.webSocket().stash()
                            && ws.stash() == WebSocket.of(s, ws.rawReceive(), ws.rawSend()).stash());
                    seen.add(String.valueOf(ws.stash().get("user")));
                    yield ws.close();
                }
                case SseContext sse -> {
                    seen.add(sse.stash() == sse.sse().stash());
                    seen.add(String.valueOf(sse.stash().get("user")));
                    yield sse.close();
                }
            };
        };
        TestClient client = TestClient.of(app);
        client.get("/").send();
        assertEquals(true, seen.next());
        assertEquals("null", seen.next(), "a fresh stash per connection");
        client.websocket("/").tryConnect();
        assertEquals(true, seen.next());
        assertEquals("null", seen.next());
        client.sse("/").open().awaitEnd();
        assertEquals(true, seen.next());
        assertEquals("null", seen.next());

        Application withMiddlewareStash = (scope, receive, send) -> app.call(
                ((RequestScope) scope).withAttribute(Request.STASH, fromMiddleware), receive, send);
        TestClient viaMiddleware = TestClient.of(withMiddlewareStash);
        viaMiddleware.get("/").send();
        assertEquals(true, seen.next());
        assertEquals("ann", seen.next());
        assertEquals("http", fromMiddleware.get("seen-by"), "the context wrote into the middleware's map");
        viaMiddleware.sse("/").open().awaitEnd();
        assertEquals(true, seen.next());
        assertEquals("ann", seen.next());
        assertFalse(fromMiddleware.isEmpty());
    }
}
