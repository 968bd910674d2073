package org.pagi.wrappers.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.request.Probe.Mode;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

@Timeout(20)
class RequestAccessorsTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private Application app(Mode mode, Function<Request, String> read) {
        return new Probe(r -> CompletableFuture.completedFuture(read.apply(r)), read).app(mode, failures);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void scopeFieldsHeadersQueryAndCookies(Mode mode) {
        String text = TestClient.of(app(mode, r -> String.join("|", r.method(), r.path(), r.rawPath().latin1(),
                r.rootPath(), r.scheme(), r.httpVersion(), r.host().orElse("-"),
                r.header("X-Thing").orElse("-"), r.headers().all("x-thing").toString(),
                r.query().getAll("x").toString(), r.queryParam("y").orElse("-"),
                r.cookies().get("sid").orElse("-"), String.valueOf(r.client().isPresent()),
                String.valueOf(r.server().isPresent()))))
                .get("/a%20b").query("x", "1").query("x", "2 3").header("x-thing", "v")
                .cookie("sid", "abc").send().text();
        assertEquals("GET|/a b|/a%20b||http|1.1|testserver|v|[v]|[1, 2 3]|-|abc|true|true", text);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void contentTypeCharsetAndAcceptNegotiation(Mode mode) {
        String text = TestClient.of(app(mode, r -> String.join("|",
                r.contentType().map(m -> m.essence()).orElse("-"), r.charset().orElse("-"),
                String.valueOf(r.accepts("text/html")), String.valueOf(r.accepts("image/png")),
                r.preferredType("text/plain", "application/json").orElse("-"),
                r.preferredType("image/png").orElse("-"))))
                .post("/").body(Bytes.utf8("x"), "Text/Plain; Charset=UTF-8")
                .header("accept", "text/html, application/json;q=0.9, text/plain;q=0.5").send().text();
        assertEquals("text/plain|utf-8|true|false|application/json|-", text);
        String malformed = TestClient.of(app(mode, r -> r.contentType().map(Object::toString).orElse("none")))
                .post("/").body(Bytes.utf8("x"), "not a type").send().text();
        assertEquals("none", malformed);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bearerAndBasicCredentialsParseOrComeBackEmpty(Mode mode) {
        Application both = app(mode, r -> r.bearerToken().orElse("-") + "|"
                + r.basicAuth().map(c -> c.user() + "/" + c.password()).orElse("-"));
        TestClient client = TestClient.of(both);
        assertEquals("abc.DEF-1=|-", client.get("/").header("authorization", "Bearer abc.DEF-1=").send().text());
        String basic = Base64.getEncoder().encodeToString("ann:p:w".getBytes());
        assertEquals("-|ann/p:w", client.get("/").header("authorization", "basic " + basic).send().text());
        for (String bad : List.of("Bearer", "Bearer a b", "Bearer ===", "Basic !!!", "Basic "
                + Base64.getEncoder().encodeToString("nocolon".getBytes()), "Digest x=1")) {
            assertEquals("-|-", client.get("/").header("authorization", bad).send().text(), bad);
        }
        assertEquals("-|-", client.get("/").send().text());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pathParamsComeFromTheRouterAndStateFromLifespan(Mode mode) {
        Application read = app(mode, r -> r.pathParams() + "|" + r.pathParam("id") + "|"
                + r.state().get("db").orElse("-"));
        Router router = Router.builder().get("/items/{id}", read).build();
        Application withState = (scope, receive, send) -> {
            ((HttpScope) scope).state().put("db", "pool");
            return router.call(scope, receive, send);
        };
        assertEquals("{id=42}|42|pool", TestClient.of(withState).get("/items/42").send().text());
    }

    @Test
    void pathParamOutsideARouteNamesWhatIsMissing() {
        CompletableFuture<String> message = new CompletableFuture<>();
        TestClient.of((scope, receive, send) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Request.of((HttpScope) scope, receive).pathParam("id"));
            message.complete(e.getMessage());
            return Response.empty().respond(scope, send);
        }).get("/").send();
        assertTrue(message.join().contains("no path parameter 'id'"), message.join());
    }

    @Test
    void stashIsPerRequestOrSharedThroughTheScopeAttribute() {
        CompletableFuture<String> seen = new CompletableFuture<>();
        TestClient.of((scope, receive, send) -> {
            Request first = Request.of((HttpScope) scope, receive);
            first.stash().put("user", "ann");
            Map<String, Object> shared = new ConcurrentHashMap<>();
            HttpScope withStash = ((HttpScope) scope).withAttribute(Request.STASH, shared);
            Request.of(withStash, receive).stash().put("k", 1);
            seen.complete(first.stash() + "|" + Request.of((HttpScope) scope, receive).stash() + "|"
                    + Request.of(withStash, receive).stash());
            return Response.empty().respond(scope, send);
        }).get("/").send();
        assertEquals("{user=ann}|{}|{k=1}", seen.join());
    }

    @Test
    void bodyLimitsRejectNegativeValuesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BodyLimits.DEFAULTS.withMaxBodyBytes(-1));
        assertTrue(e.getMessage().startsWith("maxBodyBytes"), e.getMessage());
        assertEquals(new BodyLimits(1 << 20, 1000, 1 << 20), BodyLimits.DEFAULTS);
    }
}
