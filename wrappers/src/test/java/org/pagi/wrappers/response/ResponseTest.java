package org.pagi.wrappers.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.SetCookie;

@Timeout(20)
class ResponseTest {

    private static TestResponse get(Mode mode, Response response) {
        return TestClient.of(mode.serve(response)).get("/").send();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void textHtmlAndBytesCarryTheirTypeAndLength(Mode mode) {
        TestResponse text = get(mode, Response.text("héllo"));
        assertEquals(200, text.status());
        assertEquals(Optional.of("text/plain; charset=utf-8"), text.header("content-type"));
        assertEquals(Optional.of("6"), text.header("content-length"));
        assertEquals("héllo", text.text());

        TestResponse html = get(mode, Response.html("<p>hi</p>"));
        assertEquals(Optional.of("text/html; charset=utf-8"), html.header("content-type"));
        assertEquals("<p>hi</p>", html.text());

        Bytes png = Bytes.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
        TestResponse bytes = get(mode, Response.bytes(png, "image/png"));
        assertEquals(Optional.of("image/png"), bytes.header("content-type"));
        assertEquals(Optional.of("5"), bytes.header("content-length"));
        assertEquals(png, bytes.body());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void jsonIsEncodedWithJackson(Mode mode) {
        TestResponse r = get(mode, Response.json(Map.of("id", 7, "tags", List.of("a", "b"))));
        assertEquals(Optional.of("application/json"), r.header("content-type"));
        assertEquals(7, r.json().get("id").asInt());
        assertEquals("b", r.json().get("tags").get(1).asText());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void redirectsSendLocationAndStatus(Mode mode) {
        TestResponse found = get(mode, Response.redirect("/login"));
        assertEquals(302, found.status());
        assertEquals(Optional.of("/login"), found.header("location"));
        assertEquals(Optional.of("0"), found.header("content-length"));
        for (int status : new int[] {301, 303, 307, 308}) {
            assertEquals(status, get(mode, Response.redirect("/x", status)).status());
        }
    }

    @Test
    void redirectRefusesANonRedirectStatus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Response.redirect("/x", 200));
        assertTrue(e.getMessage().contains("got 200"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void emptyIs204WithoutContentLength(Mode mode) {
        TestResponse r = get(mode, Response.empty());
        assertEquals(204, r.status());
        assertFalse(r.headers().contains("content-length"));
        assertTrue(r.body().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void statusAndWithStatusAreValidated(Mode mode) {
        assertEquals(418, get(mode, Response.status(418)).status());
        assertEquals(201, get(mode, Response.text("made").withStatus(201)).status());
        for (int bad : new int[] {99, 600, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Response.status(bad));
            assertTrue(e.getMessage().contains("100-599, got " + bad), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Response.text("x").withStatus(bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void headersAddAndContentTypeReplaces(Mode mode) {
        Response response = Response.text("x")
                .withHeader("x-a", "1")
                .withHeader("x-a", "2")
                .withHeaders(Headers.of("x-b", "3", "content-length", "999"))
                .withContentType("text/csv");
        TestResponse r = get(mode, response);
        assertEquals(List.of("1", "2"), r.headers().all("x-a"));
        assertEquals(Optional.of("3"), r.header("x-b"));
        assertEquals(List.of("text/csv"), r.headers().all("content-type"));
        assertEquals(List.of("1"), r.headers().all("content-length"), "the body's length replaces a hand-set one");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cookiesGetDefaultsAndSecureOnlyOverHttps(Mode mode) {
        Response response = Response.text("x").withCookie(SetCookie.of("sid", "abc")).withoutCookie("old");
        TestResponse plain = get(mode, response);
        List<String> cookies = plain.headers().all("set-cookie");
        assertEquals("sid=abc; Path=/; HttpOnly; SameSite=Lax", cookies.get(0));
        assertTrue(cookies.get(1).startsWith("old=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970"), cookies.get(1));

        TestResponse secure = TestClient.builder(mode.serve(response)).secure(true).build().get("/").send();
        assertEquals("sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax", secure.headers().all("set-cookie").get(0));
        assertTrue(secure.headers().all("set-cookie").get(1).contains("; Secure"));
    }

    @Test
    void aResponseIsAnApplicationForHttpOnly() {
        Response response = Response.text("mounted");
        TestClient client = TestClient.of(response);
        assertEquals("mounted", client.get("/any").send().text());
        assertEquals("mounted", client.post("/other").send().text(), "answers any http scope, many times");
        assertThrows(UnsupportedScopeException.class, () -> client.websocket("/ws").connect());
        assertThrows(UnsupportedScopeException.class, () -> client.sse("/events").open());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void headKeepsTheLengthAndTheServerDropsTheBody(Mode mode) {
        TestResponse r = TestClient.of(mode.serve(Response.text("12345"))).head("/").send();
        assertEquals(Optional.of("5"), r.header("content-length"));
        assertTrue(r.body().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSecondResponseOnTheSameExchangeIsRefused(Mode mode) {
        Response first = Response.text("first");
        Response second = Response.text("second");
        Application app = mode == Mode.ASYNC
                ? (scope, receive, send) -> first.respond(scope, send).thenCompose(v -> second.respond(scope, send))
                : Blocking.app((scope, receive, send) -> {
                    first.blocking().respond(scope, send);
                    second.blocking().respond(scope, send);
                });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestClient.of(app).get("/").send());
        assertTrue(e.getMessage().startsWith("response already sent"), e.getMessage());
    }

    @Test
    void valuesAreImmutable() {
        Response base = Response.text("x");
        Response changed = base.withHeader("x-a", "1").withCookie(SetCookie.of("a", "b")).withStatus(201);
        assertEquals(200, base.status());
        assertEquals(Headers.of("content-type", "text/plain; charset=utf-8"), base.headers());
        assertTrue(base.cookies().isEmpty());
        assertEquals(201, changed.status());
        assertEquals(1, changed.cookies().size());
    }
}
