package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.RequestScope;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.apps.Cascade;
import org.pagi.wrappers.apps.NotFound;
import org.pagi.wrappers.apps.Redirect;
import org.pagi.wrappers.apps.Throttle;
import org.pagi.wrappers.apps.URLMap;
import org.pagi.wrappers.response.Response;

/** The wrappers README's ready-made apps example, with the middleware it names (RateLimit's key, Healthcheck). */
@Timeout(30)
class AppsReadmeExampleTest {

    private static Application echo(String label) {
        return (scope, receive, send) -> Response.text(label + "|" + ((RequestScope) scope).path() + "|"
                + ((RequestScope) scope).rootPath()).respond(scope, send);
    }

    private static Application only(String path, String label) {
        return (scope, receive, send) -> ((RequestScope) scope).path().equals(path)
                ? echo(label).call(scope, receive, send) : Response.status(404).respond(scope, send);
    }

    @Test
    void theReadmeSiteAnswersAsDescribed() {
        Application api = echo("api");
        Application search = echo("search");
        Application staticFiles = only("/logo.png", "static");
        Application pages = only("/about", "pages");
        Healthcheck.Check db = () -> CompletableFuture.completedFuture(true);

        Application site = URLMap.builder()
                .mount("/api", api)                                              // api sees /users, root_path /api
                .mount("/old-blog", Redirect.to("/blog").status(301).build())    // query string kept
                .mount("/search", Throttle.builder(search).rate(5).burst(10)
                        .key(RateLimit::clientAddress).build())                  // 429 past the bucket
                .mount("/health", Healthcheck.builder().check("db", db).build().app())
                .defaultApp(Cascade.of(staticFiles, pages,                       // next on 404/405
                        NotFound.builder().body("<h1>No such page</h1>").contentType("text/html").build()))
                .build();

        TestClient client = TestClient.builder(site).followRedirects(false).build();
        assertEquals("api|/users|/api", client.get("/api/users").send().text());
        var moved = client.get("/old-blog/x?page=2").send();
        assertEquals(301, moved.status());
        assertEquals(Optional.of("/blog?page=2"), moved.header("location"));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, client.get("/search").send().status());
        }
        assertEquals(429, client.get("/search").send().status());
        TestClient other = TestClient.builder(site).clientAddress(Endpoint.of("10.9.9.9", 5000)).build();
        assertEquals(200, other.get("/search").send().status(), "keyed by client address");
        var health = client.get("/health").send();
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("checks").get("db").get("status").asText());
        assertEquals("static|/logo.png|", client.get("/logo.png").send().text());
        assertEquals("pages|/about|", client.get("/about").send().text());
        var missing = client.get("/nope").send();
        assertEquals(404, missing.status());
        assertEquals("<h1>No such page</h1>", missing.text());
        assertEquals(Optional.of("text/html"), missing.header("content-type"));
    }
}
