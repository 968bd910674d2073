package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

class SessionTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-test";

    /** /login regenerates and sets user, /set sets it, /logout destroys, anything else reads. */
    static final Application APP = (scope, receive, send) -> {
        SessionData s = Session.of(scope).orElseThrow();
        switch (scope instanceof org.pagi.spec.RequestScope r ? r.path() : "") {
            case "/login" -> {
                s.regenerate();
                s.set("user", "alice");
            }
            case "/set" -> s.set("user", "bob");
            case "/logout" -> s.destroy();
            case "/big" -> s.set("blob", "x".repeat(4000));
            default -> {
            }
        }
        return Response.text(s.get("user").orElse("none") + " " + s.id()).respond(scope, send);
    };

    static String cookieValue(TestResponse res, String name) {
        String header = res.headers().all("set-cookie").stream().filter(h -> h.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + res.headers()));
        return header.substring(name.length() + 1, header.indexOf(';'));
    }

    @Test
    void defaultsSaveOnlyChangedSessionsInAnHttpOnlyLaxCookie() {
        MemorySessionStore store = MemorySessionStore.builder().build();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(APP));
        TestResponse first = client.get("/").send();
        assertTrue(first.text().startsWith("none "));
        assertTrue(first.headers().all("set-cookie").isEmpty(), "an untouched new session is not stored");
        assertEquals(0, store.size());

        TestResponse set = client.get("/set").send();
        String cookie = set.headers().first("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("pagi_session="), cookie);
        for (String attr : new String[] {"HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=86400"}) {
            assertTrue(cookie.contains(attr), attr + " in " + cookie);
        }
        assertFalse(cookie.contains("Secure"), cookie);
        assertEquals(1, store.size());

        TestResponse again = client.get("/").send();
        assertEquals(set.text(), again.text(), "the value and the id come back");
        assertTrue(again.headers().all("set-cookie").isEmpty(), "no Set-Cookie when nothing changed");
    }

    @Test
    void overHttpsTheCookieIsSecureAndHostPrefixed() {
        TestClient client = TestClient.builder(Session.builder().build().wrap(APP)).secure(true).build();
        TestResponse set = client.get("/set").send();
        String cookie = set.headers().first("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("__Host-pagi_session="), cookie);
        assertTrue(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), cookie);
        assertEquals(set.text(), client.get("/").send().text());
        Application both = Session.builder().build().wrap((scope, receive, send) -> scope instanceof HttpScope
                ? APP.call(scope, receive, send)
                : send.send(new WebSocketAccept()).thenCompose(v -> send.send(WebSocketSend.text(
                        Session.of(scope).orElseThrow().get("user").orElse("none"))))
                        .thenCompose(v -> send.send(new WebSocketClose(4000, ""))));
        TestClient secureBoth = TestClient.builder(both).secure(true).build();
        secureBoth.get("/set").send();
        try (var ws = secureBoth.websocket("/").connect()) {
            assertEquals("bob", ws.receiveText(), "over wss the prefixed cookie is the one read");
        }
    }

    @Test
    void loginRegeneratesTheIdAndTheOldOneNoLongerLoads() {
        MemorySessionStore store = MemorySessionStore.builder().build();
        Application app = Session.builder().store(store).build().wrap(APP);
        TestClient client = TestClient.of(app);
        TestResponse before = client.get("/set").send();
        String oldToken = cookieValue(before, "pagi_session");
        TestResponse login = client.get("/login").send();
        String newToken = cookieValue(login, "pagi_session");
        assertNotEquals(oldToken, newToken);
        assertTrue(login.text().startsWith("alice " + newToken), login.text());
        assertEquals(1, store.size(), "the old session is gone from the store");
        TestResponse planted = TestClient.of(app).get("/").cookie("pagi_session", oldToken).send();
        assertTrue(planted.text().startsWith("none "), "an id from before login is worthless: " + planted.text());
    }

    @Test
    void logoutDestroysTheSessionAndClearsTheCookie() {
        MemorySessionStore store = MemorySessionStore.builder().build();
        TestClient client = TestClient.of(Session.builder().store(store).build().wrap(APP));
        client.get("/set").send();
        TestResponse out = client.get("/logout").send();
        String cookie = out.headers().first("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("pagi_session=;") && cookie.contains("Max-Age=0"), cookie);
        assertEquals(0, store.size());
        assertTrue(client.get("/").send().text().startsWith("none "));
    }

    @Test
    void idleAndAbsoluteExpiryEndTheSession() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        MemorySessionStore store = MemorySessionStore.builder().build();
        TestClient client = TestClient.of(Session.builder().store(store).clock(clock)
                .idleTimeout(Duration.ofMinutes(40)).absoluteTimeout(Duration.ofHours(2)).build().wrap(APP));
        String bob = client.get("/set").send().text();
        clock.advance(Duration.ofMinutes(39));
        assertEquals(bob, client.get("/").send().text(), "within the idle timeout; the visit refreshes it");
        clock.advance(Duration.ofMinutes(39));
        assertEquals(bob, client.get("/").send().text(), "idle is counted from the last save");
        clock.advance(Duration.ofMinutes(41));
        assertTrue(client.get("/").send().text().startsWith("none "), "idle too long");
        assertEquals(0, store.size(), "the expired session was deleted");

        String fresh = client.get("/set").send().text();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertEquals(fresh, client.get("/").send().text());
        }
        clock.advance(Duration.ofMinutes(5));
        assertTrue(client.get("/").send().text().startsWith("none "), "older than the absolute timeout");
    }

    @Test
    void theCookieStoreKeepsTheSessionEncryptedInTheCookie() {
        CookieSessionStore store = CookieSessionStore.builder().secret(SECRET).build();
        Application app = Session.builder().store(store).build().wrap(APP);
        TestClient client = TestClient.of(app);
        TestResponse set = client.get("/set").send();
        String token = cookieValue(set, "pagi_session");
        assertFalse(token.contains("bob"));
        assertEquals(set.text(), client.get("/").send().text());
        char[] chars = token.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        TestResponse forged = TestClient.of(app).get("/").cookie("pagi_session", new String(chars)).send();
        assertTrue(forged.text().startsWith("none "), forged.text());

        var e = assertThrows(IllegalStateException.class, () -> client.get("/big").send());
        assertTrue(e.getMessage().contains("4093"), e.getMessage());
    }

    @Test
    void headerAndBearerStatesCarryTheToken() {
        TestClient byHeader = TestClient.of(Session.builder().state(SessionState.header("X-Session")).build()
                .wrap(APP));
        TestResponse set = byHeader.get("/set").send();
        String token = set.header("x-session").orElseThrow();
        assertTrue(set.headers().all("set-cookie").isEmpty());
        assertEquals(set.text(), byHeader.get("/").header("x-session", token).send().text());

        TestClient bearer = TestClient.of(Session.builder().state(SessionState.bearer("x-session-token")).build()
                .wrap(APP));
        TestResponse issued = bearer.get("/set").send();
        String t = issued.header("x-session-token").orElseThrow();
        assertEquals(issued.text(), bearer.get("/").header("authorization", "Bearer " + t).send().text());
        assertTrue(bearer.get("/").header("authorization", "Basic " + t).send().text().startsWith("none "));
    }

    @Test
    void theMemoryStoreEvictsTheLeastRecentlyUsedSession() {
        MemorySessionStore store = MemorySessionStore.builder().maxEntries(2).build();
        Application app = Session.builder().store(store).build().wrap(APP);
        TestClient a = TestClient.of(app);
        TestClient b = TestClient.of(app);
        TestClient c = TestClient.of(app);
        String aText = a.get("/set").send().text();
        b.get("/set").send();
        assertEquals(aText, a.get("/").send().text(), "a is now more recent than b");
        c.get("/set").send();
        assertEquals(2, store.size());
        assertEquals(aText, a.get("/").send().text());
        assertTrue(b.get("/").send().text().startsWith("none "), "b was evicted");
    }

    @Test
    void websocketAndSseSeeTheSessionReadOnly() {
        Application app = (scope, receive, send) -> {
            if (scope instanceof HttpScope) {
                return APP.call(scope, receive, send);
            }
            SessionData s = Session.of(scope).orElseThrow();
            String refused;
            try {
                s.set("user", "mallory");
                refused = "allowed";
            } catch (IllegalStateException e) {
                refused = e.getMessage();
            }
            String report = s.get("user").orElse("none") + " / " + refused;
            if (scope instanceof org.pagi.spec.SseScope) {
                return send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data(report)));
            }
            if (scope instanceof org.pagi.spec.WebSocketScope) {
                return send.send(new WebSocketAccept()).thenCompose(v -> send.send(WebSocketSend.text(report)))
                        .thenCompose(v -> send.send(new WebSocketClose(4000, "")));
            }
            throw new AssertionError("unexpected scope " + scope);
        };
        TestClient client = TestClient.of(Session.builder().build().wrap(app));
        client.get("/set").send();
        String expected = "bob / session is read-only on websocket and sse scopes";
        try (var ws = client.websocket("/").connect()) {
            assertEquals(expected, ws.receiveText());
        }
        try (var stream = client.sse("/").open()) {
            assertEquals(expected, stream.next().data());
        }
        assertTrue(client.get("/").send().text().startsWith("bob "));
        PassThrough.untouched(Session.builder().build(), PassThrough.Kind.LIFESPAN);
    }

    @Test
    void headAndStreamedResponsesSaveAtTheStartAndLaterChangesAreRefused() {
        AtomicReference<String> late = new AtomicReference<>();
        Application streamed = (scope, receive, send) -> {
            SessionData s = Session.of(scope).orElseThrow();
            s.set("user", "carol");
            return send.send(new HttpResponseStart(200, Headers.of("content-type", "text/plain")))
                    .thenCompose(v -> {
                        try {
                            s.set("user", "dave");
                        } catch (IllegalStateException e) {
                            late.set(e.getMessage());
                        }
                        return send.send(new HttpResponseBody(Bytes.utf8("a"), true));
                    })
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        };
        Session session = Session.builder().build();
        TestClient client = TestClient.of(session.wrap(streamed));
        TestResponse res = client.get("/").send();
        assertEquals("ab", res.text());
        assertEquals(2, res.chunks().size(), "the stream is forwarded event by event");
        assertTrue(late.get().startsWith("session changed after the response started"), late.get());
        TestClient reader = TestClient.of(session.wrap(APP));
        String token = cookieValue(res, "pagi_session");
        assertTrue(reader.get("/").cookie("pagi_session", token).send().text().startsWith("carol "));

        TestResponse head = TestClient.of(session.wrap(APP)).head("/set").send();
        assertEquals("", head.text());
        assertTrue(head.headers().first("set-cookie").orElseThrow().startsWith("pagi_session="));
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CookieSessionStore.builder().secret("short-secret")).getMessage().startsWith("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CookieSessionStore.builder().build()).getMessage().startsWith("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Session.builder().idleTimeout(Duration.ofHours(2)).absoluteTimeout(Duration.ofHours(1)).build())
                .getMessage().startsWith("idleTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Session.builder().idleTimeout(Duration.ZERO)).getMessage().startsWith("idleTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SessionState.cookie("__Host-x")).getMessage().startsWith("cookie name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MemorySessionStore.builder().maxEntries(0)).getMessage().startsWith("maxEntries"));
    }
}
