package org.pagi.wrappers.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/** The class-based router in both handler modes: every Routes method, urlFor, and compiling once. */
@Timeout(30)
class EndpointRouterTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void httpRoutesWithParamsBodiesMiddlewareGroupsAnyAndPlainApps(Mode mode) {
        TestClient client = TestClient.of(Shops.of(mode));
        assertEquals("user 7", client.get("/users/7").send().text());
        assertEquals(404, client.get("/users/seven").send().status(), "{id:int} takes digits only");

        TestResponse created = client.post("/users").text("ann").send();
        assertEquals(201, created.status());
        assertEquals("created ann", created.text());
        assertEquals(List.of("auth"), created.headers().all("x-trail"));

        TestResponse stats = client.get("/admin/stats").send();
        assertEquals("stats", stats.text());
        assertEquals(List.of("admin"), stats.headers().all("x-trail"));

        assertEquals("any PATCH", client.patch("/anything").send().text());
        assertEquals("purged", client.request("PURGE", "/cache").send().text());
        assertEquals("static", client.get("/static/app.css").send().text());
        assertEquals("order 9", client.get("/api/orders/9").send().text());
        assertEquals(404, client.get("/nowhere").send().status());
    }

    /** One route per Routes method, answering "method path" in the mode's own handler form. */
    private static EndpointRouter everyMethod(Mode mode) {
        return new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                if (mode == Mode.ASYNC) {
                    HttpHandler h = req -> CompletableFuture.completedFuture(answer(req));
                    r.put("/r", h).patch("/r", h).delete("/r", h).head("/r", h).options("/r", h).any("/any", h)
                            .group("/g", g -> g.get("/x", h).name("g.x"));
                } else {
                    BlockingHttpHandler h = EndpointRouterTest::answer;
                    r.put("/r", h).patch("/r", h).delete("/r", h).head("/r", h).options("/r", h).any("/any", h)
                            .group("/g", g -> g.get("/x", h).name("g.x"));
                }
                r.mount("/f", Router.builder().get("/y", Response.text("functional")).name("y").build(), "f");
            }
        };
    }

    private static Response answer(Request req) {
        return Response.text(req.method() + " " + req.path()).withHeader("x-method", req.method());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyMethodOfRoutesRegistersItsRoute(Mode mode) {
        EndpointRouter router = everyMethod(mode);
        TestClient client = TestClient.of(router);
        for (String method : List.of("PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertEquals(method + " /r", client.request(method, "/r").send().text());
        }
        TestResponse head = client.head("/r").send();
        assertEquals("HEAD", head.header("x-method").orElseThrow(), "a declared HEAD route wins over GET");
        assertEquals(405, client.get("/r").send().status());
        assertEquals("TRACE /any", client.request("TRACE", "/any").send().text());
        assertEquals("GET /g/x", client.get("/g/x").send().text());
        assertEquals("functional", client.get("/f/y").send().text());
        assertEquals(Set.of("g.x", "f.y"), router.routeNames());
        assertEquals("/f/y", router.urlFor("f.y", Map.of(), Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodRulesOfTheFunctionalRouterApply(Mode mode) {
        TestClient client = TestClient.of(Shops.of(mode));
        TestResponse notAllowed = client.delete("/users/7").send();
        assertEquals(405, notAllowed.status());
        assertEquals("GET, HEAD, OPTIONS", notAllowed.header("allow").orElseThrow());

        TestResponse options = client.options("/users/7").send();
        assertEquals(204, options.status());
        assertEquals("GET, HEAD, OPTIONS", options.header("allow").orElseThrow());

        TestResponse head = client.head("/users/7").send();
        assertEquals(200, head.status());
        assertEquals("6", head.header("content-length").orElseThrow());
        assertEquals(0, head.body().length());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void websocketAndSseRoutesGetTheirWrappersWithPathParams(Mode mode) {
        TestClient client = TestClient.of(Shops.of(mode));
        try (WebSocketSession ws = client.websocket("/ws/lobby").connect()) {
            assertEquals("room lobby", ws.receiveText());
        }
        try (SseStream news = client.sse("/news/java").open()) {
            assertEquals("topic java", news.next().data());
            news.awaitEnd();
        }
        try (SseStream missing = client.sse("/elsewhere").open()) {
            assertEquals(404, missing.status());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void urlForNamesRoutesGroupsEndpointsAndMountedRouters(Mode mode) {
        EndpointRouter shop = Shops.of(mode);
        assertEquals(Set.of("users.show", "items", "admin.stats", "api.orders.show"), shop.routeNames());
        assertEquals("/users/7?tab=posts", shop.urlFor("users.show", Map.of("id", 7), Map.of("tab", "posts")));
        assertEquals("/items", shop.urlFor("items", Map.of(), Map.of()));
        assertEquals("/admin/stats", shop.urlFor("admin.stats", Map.of(), Map.of()));
        assertEquals("/api/orders/x%20y", shop.urlFor("api.orders.show", Map.of("id", "x y"), Map.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> shop.urlFor("nope", Map.of(), Map.of()));
        assertTrue(unknown.getMessage().contains("no route named 'nope'"), unknown.getMessage());

    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void urlForUnderAScopeAddsItsRootPath(Mode mode) {
        EndpointRouter router = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                if (mode == Mode.ASYNC) {
                    r.get("/self", (Request req) -> CompletableFuture.completedFuture(self(req))).name("self");
                } else {
                    r.get("/self", this::self).name("self");
                }
            }

            Response self(Request req) {
                return Response.text(urlFor(req.scope(), "self", Map.of(), Map.of("q", "1")));
            }
        };
        TestClient client = TestClient.builder(router).rootPath("/app").build();
        assertEquals("/app/self?q=1", client.get("/self").send().text());
    }

    @Test
    void routesAreDeclaredOnceOnFirstUseAndTheRouterIsKept() {
        AtomicInteger declared = new AtomicInteger();
        EndpointRouter router = new EndpointRouter() {
            private final String greeting = "hello";   // set before routes() runs

            @Override
            protected void routes(Routes r) {
                declared.incrementAndGet();
                r.get("/", (Request req) -> Response.text(greeting));
            }
        };
        assertEquals(0, declared.get(), "nothing is declared in the constructor");
        TestClient client = TestClient.of(router);
        assertEquals("hello", client.get("/").send().text());
        assertEquals("hello", client.get("/").send().text());
        Router compiled = router.router();
        assertSame(compiled, router.router());
        assertEquals(1, declared.get());
    }

    @Test
    void aBadRouteFailsNamingItAndTheCallFailsWithIt() {
        EndpointRouter router = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                r.get("/a", (Request req) -> Response.text("1")).get("/a", (Request req) -> Response.text("2"));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, router::router);
        assertTrue(e.getMessage().contains("GET /a conflicts with /a"), e.getMessage());
        TestClient client = TestClient.builder(router).raiseAppExceptions(false).build();
        assertEquals(500, client.get("/a").send().status());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void notFoundLifespanAndTrailingSlashPassThrough(Mode mode) throws Exception {
        AtomicInteger started = new AtomicInteger();
        EndpointRouter router = new EndpointRouter() {
            @Override
            protected void routes(Routes r) {
                if (mode == Mode.ASYNC) {
                    r.get("/page", (Request req) -> CompletableFuture.completedFuture(Response.text("page")));
                } else {
                    r.get("/page", (Request req) -> Response.text("page"));
                }
                r                        .notFound(Response.text("nothing here").withStatus(404))
                        .lifespan(Lifespan.wrap((scope, receive, send) -> CompletableFuture.completedFuture(null))
                                .onStartup("count", life -> {
                                    started.incrementAndGet();
                                    return CompletableFuture.completedFuture(null);
                                }))
                        .redirectTrailingSlash(true);
            }
        };
        TestClient client = TestClient.builder(router).followRedirects(false).build();
        client.withLifespan(() -> {
            assertEquals("page", client.get("/page").send().text());
            TestResponse redirect = client.get("/page/").send();
            assertEquals(301, redirect.status());
            assertEquals("/page", redirect.header("location").orElseThrow());
            assertEquals("nothing here", client.get("/else").send().text());
        });
        assertEquals(1, started.get());
        assertFalse(router.routeNames().iterator().hasNext());
    }
}
