package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.response.Response;

/** With a {@link Session} outside, {@link Csrf}'s token is bound to the session id. */
class CsrfSessionTest {

    /** GET /login logs in (regenerating the session), GET /cart starts a session; each GET answers a token. */
    static final Application APP = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        if (!http.method().equals("GET")) {
            return Response.text("done").respond(scope, send);
        }
        SessionData session = Session.of(scope).orElseThrow();
        switch (http.path()) {
            case "/login" -> {
                session.regenerate();
                session.set("user", http.queryString().utf8());
            }
            case "/cart" -> session.set("cart", "1");
            default -> {
            }
        }
        return Response.text(Csrf.token(scope).orElseThrow()).respond(scope, send);
    };

    static Application stack() {
        return MiddlewareStack.builder().enable(Session.builder().build()).enable(CsrfTest.csrf()).build(APP);
    }

    static int post(TestClient client, String token) {
        TestResponse res = client.post("/save").header("x-csrf-token", token).text("x").send();
        return res.status();
    }

    @Test
    void aTokenFromOneSessionFailsInAnother() {
        Application app = stack();
        TestClient alice = TestClient.of(app);
        TestClient bob = TestClient.of(app);
        String aliceToken = alice.get("/login?alice").send().text();
        String bobToken = bob.get("/login?bob").send().text();
        bob.cookies().set("csrf_token", alice.cookies().get("csrf_token").orElseThrow()); // a planted cookie
        String aliceLater = alice.get("/form").send().text();
        assertEquals(200, post(alice, aliceToken));
        assertEquals(200, post(alice, aliceLater));
        assertEquals(200, post(bob, bobToken));
        assertEquals(403, post(bob, aliceToken), "Alice's token in Bob's session");
        assertEquals(403, post(alice, bobToken));
    }

    @Test
    void aRegeneratedSessionGetsANewToken() {
        TestClient client = TestClient.of(stack());
        String before = client.get("/login?alice").send().text();
        String after = client.get("/login?alice").send().text();
        assertEquals(403, post(client, before), "the old session's token");
        assertEquals(200, post(client, after));
    }

    @Test
    void beforeLoginTheTokenIsBoundToTheCookieAndAfterToTheSession() {
        TestClient client = TestClient.of(stack());
        String anonymous = client.get("/form").send().text();
        assertEquals(200, post(client, anonymous), "a new, unsaved session: bound to the CSRF cookie");
        client.get("/login?alice").send();
        assertEquals(403, post(client, anonymous), "the pre-login token does not carry into the session");
        String started = TestClient.of(stack()).get("/cart").send().text();
        TestClient fresh = TestClient.of(stack());
        String cartToken = fresh.get("/cart").send().text();
        assertEquals(200, post(fresh, cartToken), "bound to the session stored by the same response");
        assertEquals(403, post(fresh, started));
    }
}
