package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.wrappers.routing.Handlers.echo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

class RouterHttpTest {

    private final Router router = Router.builder()
            .get("/", echo("home"))
            .get("/users/{id:int}", echo("user"))
            .put("/users/{id:int}", echo("put-user"))
            .post("/users/{name}", echo("post-by-name"))
            .delete("/users/{id:int}", echo("delete-user"))
            .get("/users/me", echo("me"))
            .get("/files/{*path}", echo("file"))
            .any("/health", echo("health"))
            .build();
    private final TestClient client = TestClient.builder(router).followRedirects(false).build();

    @Test
    void routesByPathAndMethodPuttingParamsAndTemplateIntoTheScope() {
        assertEquals("home|/|{}|/|", client.get("/").send().text());
        assertEquals("user|/users/{id:int}|{id=42}|/users/42|", client.get("/users/42").send().text());
        assertEquals("put-user|/users/{id:int}|{id=42}|/users/42|", client.put("/users/42").send().text());
        assertEquals("me|/users/me|{}|/users/me|", client.get("/users/me").send().text());
        assertEquals("file|/files/{*path}|{path=a/b.txt}|/files/a/b.txt|", client.get("/files/a/b.txt").send().text());
    }

    @Test
    void aRouteForTheMethodOnAnotherTemplateStillServesThePath() {
        assertEquals("post-by-name|/users/{name}|{name=42}|/users/42|", client.post("/users/42").send().text());
    }

    @Test
    void pathParamsAreDecodedPathSegments() {
        assertEquals("post-by-name|/users/{name}|{name=jörg m}|/users/jörg m|",
                client.post("/users/j%C3%B6rg%20m").send().text());
    }

    @Test
    void matchedPathWithAnotherMethodGets405WithASortedAllow() {
        TestResponse r = client.patch("/users/42").send();
        assertEquals(405, r.status());
        assertEquals(Optional.of("DELETE, GET, HEAD, OPTIONS, POST, PUT"), r.header("allow"));
        assertEquals("Method Not Allowed", r.text());
    }

    @Test
    void headIsServedByTheGetRouteWithTheBodyDroppedAndTheLengthKept() {
        TestResponse get = client.get("/users/42").send();
        TestResponse head = client.head("/users/42").send();
        assertEquals(200, head.status());
        assertEquals(get.header("content-length"), head.header("content-length"));
        assertEquals(0, head.body().length());
    }

    @Test
    void anExplicitHeadRouteWinsOverGet() {
        Router r = Router.builder().get("/x", echo("get")).head("/x", (s, rc, send) ->
                Handlers.text(send, 299, "")).build();
        assertEquals(299, TestClient.of(r).head("/x").send().status());
    }

    @Test
    void optionsIsAnsweredAutomaticallyUnlessARouteExists() {
        TestResponse auto = client.options("/users/42").send();
        assertEquals(204, auto.status());
        assertEquals(Optional.of("DELETE, GET, HEAD, OPTIONS, POST, PUT"), auto.header("allow"));
        Router own = Router.builder().get("/x", echo("get")).options("/x", echo("own-options")).build();
        assertEquals("own-options|/x|{}|/x|", TestClient.of(own).options("/x").send().text());
    }

    @Test
    void anyServesEveryMethod() {
        for (String method : List.of("GET", "POST", "DELETE", "PURGE", "OPTIONS")) {
            assertEquals("health|/health|{}|/health|", client.request(method, "/health").send().text(), method);
        }
    }

    @Test
    void noMatchIsAPlainTextNotFound() {
        TestResponse r = client.get("/nothing/here").send();
        assertEquals(404, r.status());
        assertEquals("Not Found", r.text());
        assertTrue(r.header("content-type").orElseThrow().startsWith("text/plain"));
        assertEquals(404, client.get("/users/4x2/extra").send().status());
        assertEquals(404, client.get("/files/").send().status());
    }

    @Test
    void aNotFoundApplicationReplacesThe404() {
        Router r = Router.builder().get("/a", echo("a")).notFound(echo("fallback")).build();
        assertEquals("fallback|-|{}|/b|", TestClient.of(r).get("/b").send().text());
    }

    @Test
    void trailingSlashRedirectIsOffByDefault() {
        assertEquals(404, client.get("/users/42/").send().status());
    }

    @Test
    void trailingSlashRedirectIs301ForGetAndHeadAnd308OtherwiseKeepingRootPathAndQuery() {
        Router r = Router.builder().redirectTrailingSlash(true)
                .get("/a", echo("a")).post("/a", echo("a")).get("/b/", echo("b")).build();
        TestClient c = TestClient.builder(r).followRedirects(false).rootPath("/app").build();
        TestResponse get = c.get("/a/").query("q", "1").send();
        assertEquals(301, get.status());
        assertEquals(Optional.of("/app/a?q=1"), get.header("location"));
        assertEquals(301, c.head("/a/").send().status());
        TestResponse post = c.post("/a/").send();
        assertEquals(308, post.status());
        assertEquals(Optional.of("/app/a"), post.header("location"));
        assertEquals(Optional.of("/app/b/"), c.get("/b").send().header("location"));
        assertEquals(404, c.get("/c/").send().status());
    }

    @Test
    void theRedirectLocationIsThePathEncodedAgain() {
        Router r = Router.builder().redirectTrailingSlash(true).get("/a b/{x}", echo("a")).build();
        TestResponse res = TestClient.builder(r).followRedirects(false).build().get("/a%20b/%C3%A9%0A/").send();
        assertEquals(Optional.of("/a%20b/%C3%A9%0A"), res.header("location"));
    }

    @Test
    void pathParamNamesTheParamsThatExistWhenTheNameIsMissing() {
        Application app = (scope, receive, send) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Router.pathParam((RequestScope) scope, "nope"));
            return Handlers.text(send, 200, Router.pathParam((RequestScope) scope, "org") + ":" + e.getMessage());
        };
        Router r = Router.builder().get("/o/{org}/t/{team}", app).build();
        assertEquals("acme:no path parameter 'nope'; this route has [org, team]",
                TestClient.of(r).get("/o/acme/t/x").send().text());
    }

    @Test
    void pathParamsAreImmutable() {
        Application app = (scope, receive, send) -> {
            Map<String, String> params = Router.pathParams((RequestScope) scope);
            assertThrows(UnsupportedOperationException.class, () -> params.put("x", "y"));
            return Handlers.text(send, 200, "ok");
        };
        assertEquals("ok", TestClient.of(Router.builder().get("/{a}", app).build()).get("/1").send().text());
    }

    @Test
    void theSameMethodAndPathShapeTwiceIsRefusedAtBuildTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.builder()
                .get("/u/{id}", echo("a")).get("/u/{name}", echo("b")));
        assertTrue(e.getMessage().contains("/u/{name}") && e.getMessage().contains("/u/{id}"), e.getMessage());
    }

    @Test
    void aBuiltBuilderRefusesMoreRoutes() {
        RouterBuilder b = Router.builder().get("/", echo("x"));
        b.build();
        assertThrows(IllegalStateException.class, () -> b.get("/y", echo("y")));
    }

    @Test
    void aBadTemplateFailsRegistration() {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class,
                () -> Router.builder().get("/a/{id", echo("x")));
        assertFalse(e.getMessage().isEmpty());
    }
}
