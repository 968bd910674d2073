package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.SseScope;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.http.SetCookie;
import org.pagi.wrappers.response.Response;

class SignedCookiesTest {

    static final String OLD = "old-secret-old-secret-old-secret-0001";
    static final String NEW = "new-secret-new-secret-new-secret-0002";

    /** /login sets a signed {@code user} and a plain {@code theme}; anything else reports what it can verify. */
    static final Application APP = (scope, receive, send) -> {
        SignedCookies.Jar jar = SignedCookies.of(scope).orElseThrow();
        if ("/login".equals(((HttpScope) scope).path())) {
            jar.setSigned(SetCookie.of("user", "alice"));
            jar.set(SetCookie.of("theme", "dark"));
        }
        return Response.text(jar.signed("user").orElse("none") + " " + jar.get("theme").orElse("none"))
                .respond(scope, send);
    };

    static String valueOf(TestResponse res, String name) {
        String h = res.headers().all("set-cookie").stream().filter(s -> s.startsWith(name + "=")).findFirst()
                .orElseThrow();
        return h.substring(name.length() + 1, h.indexOf(';'));
    }

    @Test
    void aSignedCookieComesBackVerifiedAndPlainOnesAsSent() {
        TestClient client = TestClient.of(SignedCookies.builder().secret(NEW).build().wrap(APP));
        TestResponse login = client.get("/login").send();
        String user = valueOf(login, "user");
        assertTrue(user.startsWith("alice.") && user.length() == "alice.".length() + 43, user);
        assertEquals("dark", valueOf(login, "theme"));
        assertEquals("alice dark", client.get("/").send().text());
    }

    @Test
    void alteredUnsignedOrMovedValuesAreNotVerified() {
        SignedCookies signer = SignedCookies.builder().secret(NEW).build();
        TestClient client = TestClient.of(signer.wrap(APP));
        String good = signer.sign("user", "alice");
        assertEquals("alice none", client.get("/").cookie("user", good).send().text());
        assertEquals("none none", client.get("/").cookie("user", "admin" + good.substring(5)).send().text());
        assertEquals("none none", client.get("/").cookie("user", "alice").send().text());
        assertEquals("none none", client.get("/").cookie("user", signer.sign("role", "alice")).send().text());
        String flipped = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        assertEquals("none none", client.get("/").cookie("user", flipped).send().text());
    }

    @Test
    void rotationSignsWithTheFirstSecretAndVerifiesWithAny() {
        SignedCookies old = SignedCookies.builder().secret(OLD).build();
        SignedCookies rotated = SignedCookies.builder().secret(NEW).secret(OLD).build();
        SignedCookies fresh = SignedCookies.builder().secret(NEW).build();
        TestClient client = TestClient.of(rotated.wrap(APP));
        assertEquals("alice none", client.get("/").cookie("user", old.sign("user", "alice")).send().text());
        assertEquals("alice", fresh.verify("user", rotated.sign("user", "alice")).orElseThrow());
        assertTrue(old.verify("user", rotated.sign("user", "alice")).isEmpty());
    }

    @Test
    void headAndStreamedResponsesGetTheCookiesAndLateOnesAreRefused() {
        SignedCookies signed = SignedCookies.builder().secret(NEW).build();
        TestResponse head = TestClient.of(signed.wrap(APP)).head("/login").send();
        assertEquals("", head.text());
        assertEquals(2, head.headers().all("set-cookie").size());

        AtomicReference<String> late = new AtomicReference<>();
        Application streamed = (scope, receive, send) -> {
            SignedCookies.Jar jar = SignedCookies.of(scope).orElseThrow();
            jar.setSigned(SetCookie.of("user", "bob"));
            return send.send(new HttpResponseStart(200, Headers.of("set-cookie", "app=1")))
                    .thenCompose(v -> {
                        try {
                            jar.set(SetCookie.of("late", "x"));
                        } catch (IllegalStateException e) {
                            late.set(e.getMessage());
                        }
                        return send.send(new HttpResponseBody(Bytes.utf8("a"), true));
                    })
                    .thenCompose(v -> send.send(HttpResponseBody.last(Bytes.utf8("b"))));
        };
        TestResponse res = TestClient.of(signed.wrap(streamed)).get("/").send();
        assertEquals("ab", res.text());
        assertEquals(2, res.chunks().size());
        assertEquals(2, res.headers().all("set-cookie").size(), "the application's own Set-Cookie is kept");
        assertEquals("bob", signed.verify("user", valueOf(res, "user")).orElseThrow());
        assertEquals("cookie set after the response started", late.get());
    }

    @Test
    void websocketAndSseReadSignedCookiesButCannotSetThem() {
        SignedCookies signed = SignedCookies.builder().secret(NEW).build();
        Application app = (scope, receive, send) -> {
            SignedCookies.Jar jar = SignedCookies.of(scope).orElseThrow();
            String refused;
            try {
                jar.set(SetCookie.of("x", "y"));
                refused = "allowed";
            } catch (IllegalStateException e) {
                refused = e.getMessage();
            }
            String report = jar.signed("user").orElse("none") + " / " + refused;
            if (scope instanceof SseScope) {
                return send.send(new SseStart()).thenCompose(v -> send.send(SseSend.data(report)));
            }
            return send.send(new WebSocketAccept()).thenCompose(v -> send.send(WebSocketSend.text(report)))
                    .thenCompose(v -> send.send(new WebSocketClose(4000, "")));
        };
        TestClient client = TestClient.of(signed.wrap(app));
        String expected = "carol / cookies cannot be set on websocket and sse scopes";
        try (var ws = client.websocket("/").cookie("user", signed.sign("user", "carol")).connect()) {
            assertEquals(expected, ws.receiveText());
        }
        try (var stream = client.sse("/").cookie("user", signed.sign("user", "carol")).open()) {
            assertEquals(expected, stream.next().data());
        }
        PassThrough.untouched(signed, PassThrough.Kind.LIFESPAN);
    }

    @Test
    void aMissingOrShortSecretIsRefusedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SignedCookies.builder().build())
                .getMessage().startsWith("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SignedCookies.builder().secret("x".repeat(31)))
                .getMessage().startsWith("secret must be at least 32 bytes"));
    }
}
