package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.StreamingResponse;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

@Timeout(30)
class RewriteTest {

    /** Shows what the application saw: path, raw path, query, original path. */
    private static final Application ECHO = (scope, receive, send) -> {
        HttpScope h = (HttpScope) scope;
        return Response.text(h.path() + " " + h.rawPath().latin1() + " " + h.queryString().latin1() + " "
                + h.attribute(Rewrite.ORIGINAL_PATH).orElse("-")).respond(scope, send);
    };

    @Test
    void regexRulesReplaceThePathWithGroupsAndKeepTheQuery() {
        TestClient client = TestClient.of(Rewrite.builder().regex("^/blog/(\\d{4})/(\\d{2})", "/archive/$1-$2")
                .regex("^/user/(\\d+)$", "/users/$1").build().wrap(ECHO));
        assertEquals("/archive/2024-05 /archive/2024-05 a=1 /blog/2024/05/x",
                client.get("/blog/2024/05/x?a=1").send().text(), "upstream: the whole path becomes the target");
        assertEquals("/users/7 /users/7  /user/7", client.get("/user/7").send().text());
        assertEquals("/user/x /user/x  -", client.get("/user/x").send().text(), "no rule matches: untouched");
    }

    @Test
    void prefixRulesMatchOnSegmentBoundariesAndKeepTheRest() {
        TestClient client = TestClient.of(Rewrite.builder().prefix("/legacy", "/modern").build().wrap(ECHO));
        assertEquals("/modern /modern  /legacy", client.get("/legacy").send().text());
        assertEquals("/modern/a/b /modern/a/b q /legacy/a/b", client.get("/legacy/a/b?q").send().text());
        assertEquals("/legacyx /legacyx  -", client.get("/legacyx").send().text());
    }

    @Test
    void theFirstMatchingRuleWinsAndFunctionsWork() {
        TestClient client = TestClient.of(Rewrite.builder().function(p -> p.endsWith("/") && p.length() > 1
                ? p.substring(0, p.length() - 1) : p).prefix("/docs", "/manual").build().wrap(ECHO));
        assertEquals("/docs /docs  /docs/", client.get("/docs/").send().text(), "only the first rule applies");
        assertEquals("/manual/x /manual/x  /docs/x", client.get("/docs/x").send().text());
    }

    @Test
    void rawPathIsTheEncodingOfTheNewPath() {
        TestClient client = TestClient.of(Rewrite.builder().regex("^/old/(.*)", "/new/$1").build().wrap(ECHO));
        assertEquals("/new/a b/é /new/a%20b/%C3%A9  /old/a b/é", client.get("/old/a%20b/%C3%A9").send().text());
    }

    @Test
    void rewritingHappensBeforeRouting() {
        Application router = Router.builder().get("/users/{id}", (scope, receive, send) ->
                Response.text("user").respond(scope, send)).build();
        TestClient client = TestClient.of(Rewrite.builder().regex("^/u/(\\d+)$", "/users/$1").build().wrap(router));
        assertEquals("user", client.get("/u/3").send().text());
    }

    @Test
    void redirectModeSendsTheClientToTheNewPathWithItsQuery() {
        TestClient client = TestClient.builder(Rewrite.builder().prefix("/old", "/new").redirect(302).build()
                .wrap(ECHO)).followRedirects(false).build();
        var res = client.get("/old/x y?a=1").send();
        assertEquals(302, res.status());
        assertEquals("/new/x%20y?a=1", res.header("location").orElseThrow());
        var def = TestClient.builder(Rewrite.builder().prefix("/old", "/new").redirect(301).build().wrap(ECHO))
                .followRedirects(false).build().head("/old").send();
        assertEquals(301, def.status());
        assertEquals("/new", def.header("location").orElseThrow());
        assertEquals(0, def.body().length(), "HEAD: no body");
    }

    @Test
    void headAndStreamedResponsesReachTheRewrittenPath() {
        TestClient client = TestClient.of(Rewrite.builder().prefix("/a", "/b").build().wrap(ECHO));
        var head = client.head("/a").send();
        assertEquals(200, head.status());
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Application streaming = (scope, receive, send) -> send.send(new HttpResponseStart(200, Headers.empty()))
                .thenCompose(v -> send.send(HttpResponseBody.chunk(Bytes.utf8(((HttpScope) scope).path()))))
                .thenCompose(v -> gate)
                .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8(" end"))));
        try (StreamingResponse res = TestClient.of(Rewrite.builder().prefix("/a", "/b").build().wrap(streaming))
                .get("/a").stream()) {
            assertEquals("/b", res.nextChunk(Duration.ofSeconds(5)).orElseThrow().utf8());
            gate.complete(null);
            assertEquals("/b end", res.readAll().text());
        }
    }

    @Test
    void badConfigurationIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rewrite.builder().build()).getMessage()
                .contains("rules"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rewrite.builder().prefix("/a", "/b")
                .redirect(200).build()).getMessage().contains("redirectStatus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rewrite.builder().prefix("a", "/b"))
                .getMessage().contains("from"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rewrite.builder().prefix("/a/", "/b"))
                .getMessage().contains("segment"));
    }

    @Test
    void otherScopesPassThroughUntouched() {
        Rewrite all = Rewrite.builder().regex(".*", "/elsewhere").build();
        PassThrough.untouched(all, PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
        PassThrough.untouched(Rewrite.builder().prefix("/nomatch", "/x").build(), PassThrough.Kind.HTTP);
    }
}
