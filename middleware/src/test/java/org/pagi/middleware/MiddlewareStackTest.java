package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Middleware;

class MiddlewareStackTest {

    /** Adds its name to {@code x-trail} on the way out and counts how often it was built. */
    private static Middleware trail(String name, AtomicInteger built) {
        return next -> {
            built.incrementAndGet();
            return (scope, receive, send) -> next.call(scope, receive, e -> send.send(e instanceof HttpResponseStart s
                    ? new HttpResponseStart(s.status(), s.headers().with("x-trail", name), s.trailers()) : e));
        };
    }

    private static final Application HELLO = (scope, receive, send) ->
            Response.text("main " + ((HttpScope) scope).path() + " " + ((HttpScope) scope).rootPath()).respond(scope, send);

    @Test
    void theFirstEnabledIsOutermostAndEachIsBuiltOnce() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Application app = MiddlewareStack.builder().enable(trail("a", a)).enable(trail("b", b)).build(HELLO);
        TestClient client = TestClient.of(app);
        for (int i = 0; i < 3; i++) {
            // b (inner) adds its header first, a (outer) last: the outermost has the last word on the response.
            assertEquals(List.of("b", "a"), client.get("/").send().headers().all("x-trail"));
        }
        assertEquals(1, a.get());
        assertEquals(1, b.get());
    }

    @Test
    void enableIfSkipsTheMiddlewareForOtherScopesButBuildsItOnce() {
        AtomicInteger built = new AtomicInteger();
        Application app = MiddlewareStack.builder()
                .enableIf(scope -> ((HttpScope) scope).path().startsWith("/api"), trail("api", built))
                .build(HELLO);
        TestClient client = TestClient.of(app);
        assertEquals(List.of("api"), client.get("/api/x").send().headers().all("x-trail"));
        assertEquals(List.of(), client.get("/page").send().headers().all("x-trail"));
        assertEquals(List.of("api"), client.get("/api/y").send().headers().all("x-trail"));
        assertEquals(1, built.get());
    }

    @Test
    void mountedAppsAreReachedThroughEveryMiddlewareWithTheirPrefixMoved() {
        AtomicInteger built = new AtomicInteger();
        Application app = MiddlewareStack.builder().enable(trail("outer", built))
                .mount("/static", HELLO).mount("/static/deep", (scope, receive, send) ->
                        Response.text("deep " + ((HttpScope) scope).path()).respond(scope, send))
                .build((scope, receive, send) -> Response.text("fallback").respond(scope, send));
        TestClient client = TestClient.of(app);
        var mounted = client.get("/static/a.css").send();
        assertEquals("main /a.css /static", mounted.text());
        assertEquals(List.of("outer"), mounted.headers().all("x-trail"));
        assertEquals("deep /x", client.get("/static/deep/x").send().text(), "the longest prefix wins");
        assertEquals("fallback", client.get("/staticfoo").send().text(), "a prefix ends on a segment boundary");
        assertEquals(List.of("outer"), client.get("/other").send().headers().all("x-trail"));
    }

    @Test
    void anEmptyStackIsTheApplicationAndEveryScopePassesThrough() {
        Application app = MiddlewareStack.builder().build(HELLO);
        assertEquals(HELLO, app);
        PassThrough.untouched(next -> next, PassThrough.Kind.values());
        PassThrough.untouched(next -> MiddlewareStack.builder().mount("/else", HELLO).build(next),
                PassThrough.Kind.values());
    }

    @Test
    void corsInsideAuthenticationIsRefusedNamingBothAndCorsOutsideIsBuilt() {
        Middleware auth = AuthBasic.builder().user("ann", "secret").build();
        Middleware cors = Cors.builder().origins("https://app.example").build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MiddlewareStack.builder().enable(auth).enable(cors).build(HELLO));
        assertEquals(true, e.getMessage().contains("AuthBasic is enabled outside Cors"), e.getMessage());
        Application ok = MiddlewareStack.builder().enable(cors).enable(auth).build(HELLO);
        var preflight = TestClient.of(ok).options("/").header("origin", "https://app.example")
                .header("access-control-request-method", "GET").send();
        assertEquals(204, preflight.status(), "the preflight is answered before authentication");
    }

    @Test
    void csrfOutsideTheSessionIsRefusedAndInsideIsBuilt() {
        Middleware session = Session.builder().build();
        Middleware csrf = Csrf.builder().secret("a-csrf-secret-of-thirty-two-bytes!!").build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MiddlewareStack.builder().enable(csrf).enable(session).build(HELLO));
        assertEquals(true, e.getMessage().contains("Csrf is enabled outside Session"), e.getMessage());
        MiddlewareStack.builder().enable(session).enable(csrf).build(HELLO);
        MiddlewareStack.builder().enable(csrf).build(HELLO);
    }

    @Test
    void aLimiterKeyedByTheClientAddressOutsideProxyHeadersIsRefused() {
        Middleware proxy = ProxyHeaders.builder().trustedProxy("127.0.0.1").build();
        Middleware perClient = RateLimit.builder().requestsPerSecond(10).build();
        Middleware wsPerClient = WebSocketConnectionLimit.builder().build();
        for (Middleware limiter : List.of(perClient, wsPerClient)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MiddlewareStack.builder().enable(limiter).enable(proxy).build(HELLO));
            assertEquals(true, e.getMessage().contains(limiter.getClass().getSimpleName()
                    + " is enabled outside ProxyHeaders"), e.getMessage());
            MiddlewareStack.builder().enable(proxy).enable(limiter).build(HELLO);
            MiddlewareStack.builder().enable(limiter).build(HELLO);
        }
        Middleware perApiKey = RateLimit.builder().requestsPerSecond(10)
                .key(scope -> scope.headers().first("x-api-key").orElse(null)).build();
        MiddlewareStack.builder().enable(perApiKey).enable(proxy).build(HELLO);
    }

    @Test
    void thePassThroughCheckCatchesAMiddlewareThatTouchesAnEvent() {
        Middleware meddling = next -> (scope, receive, send) -> next.call(scope, receive, e -> send.send(
                e instanceof HttpResponseStart s ? new HttpResponseStart(s.status(), s.headers().with("x", "1"),
                        s.trailers()) : e));
        assertThrows(AssertionFailedError.class, () -> PassThrough.untouched(meddling, PassThrough.Kind.HTTP));
        Middleware copying = next -> (scope, receive, send) -> next.call(scope instanceof HttpScope h
                ? h.withAttribute("x", "y") : scope, receive, send);
        assertThrows(AssertionFailedError.class, () -> PassThrough.untouched(copying, PassThrough.Kind.HTTP));
    }
}
