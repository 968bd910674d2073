package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.routing.Handlers.echo;
import static org.pagi.wrappers.routing.Handlers.trail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class RouterCompositionTest {

    @Test
    void mountStripsThePrefixAtASegmentBoundaryAndExtendsRootPath() {
        Router r = Router.builder().mount("/api", echo("api")).get("/apix", echo("apix")).build();
        TestClient c = TestClient.builder(r).rootPath("/site").build();
        assertEquals("api|-|{}|/|/site/api", c.get("/api").send().text());
        assertEquals("api|-|{}|/x/y|/site/api", c.get("/api/x/y").send().text());
        assertEquals("apix|/apix|{}|/apix|/site", c.get("/apix").send().text());
        assertEquals(404, c.get("/apiy").send().status());
    }

    @Test
    void theLongestMountPrefixWinsWhateverTheOrder() {
        Router r = Router.builder().mount("/", echo("root")).mount("/a", echo("a")).mount("/a/b/", echo("ab"))
                .build();
        TestClient c = TestClient.of(r);
        assertEquals("ab|-|{}|/c|/a/b", c.get("/a/b/c").send().text());
        assertEquals("a|-|{}|/bc|/a", c.get("/a/bc").send().text());
        assertEquals("root|-|{}|/z|", c.get("/z").send().text());
    }

    @Test
    void routesComeBeforeMountsAndA405BeforeMountsAsUpstreamDoes() {
        Router r = Router.builder().get("/api/health", echo("health")).mount("/api", echo("api")).build();
        TestClient c = TestClient.of(r);
        assertEquals("health|/api/health|{}|/api/health|", c.get("/api/health").send().text());
        assertEquals(405, c.post("/api/health").send().status());
        assertEquals("api|-|{}|/other|/api", c.post("/api/other").send().text());
    }

    @Test
    void nestedRoutersSeeTheirOwnPathAndParams() {
        Router users = Router.builder().get("/{id:int}", echo("user")).build();
        Router r = Router.builder().mount("/users", users).build();
        assertEquals("user|/{id:int}|{id=5}|/5|/users", TestClient.of(r).get("/users/5").send().text());
    }

    @Test
    void middlewareRunsInOnionOrderGroupOutsideRouteAndMountToo() {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Middleware logA = logging("A", order);
        Middleware logB = logging("B", order);
        Router r = Router.builder()
                .group("/g", List.of(logA, trail("group")), g -> g.get("/x", echo("x"), logB, trail("route")))
                .mount("/m", echo("m"), trail("mount1"), trail("mount2"))
                .get("/plain", echo("plain"))
                .build();
        TestClient c = TestClient.of(r);
        TestResponse x = c.get("/g/x").send();
        assertEquals("x|/g/x|{}|/g/x|", x.text());
        assertEquals(List.of("A", "B"), order);
        // Each layer adds its header on the way out, so the innermost layer's header comes first.
        assertEquals(List.of("route", "group"), x.headers().all("x-trail"));
        assertEquals(List.of("mount2", "mount1"), c.get("/m/y").send().headers().all("x-trail"));
        assertEquals(List.of(), c.get("/plain").send().headers().all("x-trail"));
    }

    private static Middleware logging(String name, List<String> order) {
        return next -> (scope, receive, send) -> {
            order.add(name);
            return next.call(scope, receive, send);
        };
    }

    @Test
    void groupsNestWithParametersInTheirPrefixes() {
        Router r = Router.builder()
                .group("/orgs/{org}", o -> o.group("/teams/{team:int}", t -> t.get("/members", echo("members"))))
                .build();
        assertEquals("members|/orgs/{org}/teams/{team:int}/members|{org=acme, team=3}|/orgs/acme/teams/3/members|",
                TestClient.of(r).get("/orgs/acme/teams/3/members").send().text());
    }

    @Test
    void urlForExpandsNamedRoutesWithGroupAndMountPrefixesAndQuery() {
        Router api = Router.builder().get("/users/{id:int}", echo("u")).name("users.get").build();
        Router r = Router.builder()
                .group("/admin", g -> g.get("/posts/{slug}", echo("p")).name("posts"))
                .mount("/api/v1", api, "api")
                .build();
        assertEquals("/admin/posts/hello%20world", r.urlFor("posts", Map.of("slug", "hello world"), Map.of()));
        assertEquals("/api/v1/users/42?a%3D=1&b=x%20y",
                r.urlFor("api.users.get", Map.of("id", 42), Map.of("b", "x y", "a=", 1)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> r.urlFor("nope", Map.of(), Map.of()));
        assertTrue(unknown.getMessage().contains("[api.users.get, posts]"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.urlFor("api.users.get", Map.of("id", "x"), Map.of()));
    }

    @Test
    void urlForWithAScopeAddsItsRootPathSoAMountedRouterLinksCorrectly() {
        Router[] holder = new Router[1];
        Application linker = (scope, receive, send) -> Handlers.text(send, 200,
                holder[0].urlFor((RequestScope) scope, "item", Map.of("id", 9), Map.of()));
        holder[0] = Router.builder().get("/items/{id:int}", linker).name("item").build();
        Router outer = Router.builder().mount("/shop", holder[0]).build();
        TestClient c = TestClient.builder(outer).rootPath("/site").build();
        assertEquals("/site/shop/items/9", c.get("/shop/items/1").send().text());
    }

    @Test
    void namesAreUniqueAndFollowARoute() {
        assertThrows(IllegalStateException.class, () -> Router.builder().name("x"));
        assertThrows(IllegalStateException.class, () -> Router.builder()
                .get("/a", echo("a")).name("n").get("/b", echo("b")).name("n"));
    }

    @Test
    void mountPrefixesAreLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Router.builder().mount("/u/{id}", echo("x")));
        assertTrue(e.getMessage().contains("literal"), e.getMessage());
    }
}
