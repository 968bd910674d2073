package org.pagi.wrappers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.testing.TestClient;

/** The example of the Router section of wrappers/README.md, kept identical to it and run. */
class RouterReadmeExampleTest {

    @Test
    void theReadmeExampleWorksAsDescribed() {
        Middleware auth = Handlers.trail("auth");
        Application showUser = (scope, receive, send) ->
                Handlers.text(send, 200, "user " + Router.pathParam((RequestScope) scope, "id"));
        Application createUser = Handlers.echo("created");
        Application chat = Handlers.wsEcho("chat");
        Application news = Handlers.sseEcho("news");
        Application staticFiles = Handlers.echo("static");
        // --- README example starts
        Router api = Router.builder()
                .get("/users/{id:int}", showUser).name("users.show")
                .post("/users", createUser, auth)
                .build();
        Router app = Router.builder()
                .mount("/api/v1", api, "api")                     // /api/v1/users/7 -> api sees /users/7
                .group("/admin", List.of(auth), admin -> admin
                        .get("/files/{*path}", staticFiles))
                .websocket("/chat/{room}", chat)
                .sse("/news/{topic:[a-z]+}", news)
                .redirectTrailingSlash(true)
                .build();

        app.urlFor("api.users.show", Map.of("id", 7), Map.of("tab", "posts"));   // "/api/v1/users/7?tab=posts"
        // --- README example ends
        TestClient client = TestClient.builder(app).followRedirects(false).build();
        assertEquals("/api/v1/users/7?tab=posts", app.urlFor("api.users.show", Map.of("id", 7), Map.of("tab", "posts")));
        assertEquals("user 7", client.get("/api/v1/users/7").send().text());
        assertEquals(405, client.delete("/api/v1/users/7").send().status());
        assertEquals(List.of("auth"), client.get("/admin/files/a/b").send().headers().all("x-trail"));
        // Each router redirects only to its own routes: the mounted api has the option off.
        assertEquals(404, client.get("/api/v1/users/7/").send().status());
        try (var ws = client.websocket("/chat/lobby").connect()) {
            assertEquals("chat|/chat/{room}|{room=lobby}|/chat/lobby|", ws.receiveText());
        }
        try (var declined = client.sse("/news/42").open()) {
            assertEquals(404, declined.status());
        }
    }
}
