package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.testing.http.Multipart;
import org.pagi.wrappers.http.MediaType;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;

/** The token half of {@link Csrf} and its options; the cross-site half is in {@link CsrfCrossSiteTest}. */
class CsrfTest {

    static final String SECRET = "csrf-secret-csrf-secret-csrf-secret-01";

    /** A safe request answers with a fresh token; an unsafe one with what it read of the body again. */
    static final Application APP = (scope, receive, send) -> {
        Request req = Request.of(scope, receive);
        if (req.method().equals("GET") || req.method().equals("HEAD")) {
            return Response.text(Csrf.token(scope).orElse("none")).respond(scope, send);
        }
        boolean multipart = req.contentType().map(MediaType::essence).orElse("").equals("multipart/form-data");
        CompletionStage<String> body = multipart
                ? req.multipart().thenApply(f -> "note=" + f.field("note").orElse("?")) : req.text();
        return body.thenCompose(b -> Response.text("done " + b).respond(scope, send));
    };

    static Csrf csrf() {
        return Csrf.builder().secret(SECRET).build();
    }

    static String cookie(TestResponse res, String name) {
        return res.headers().all("set-cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + res.headers()));
    }

    @Test
    void getAndHeadGetTheCookieAndATokenOnlyWhenTheCookieIsMissing() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        TestResponse page = client.get("/form").send();
        String set = cookie(page, "csrf_token");
        for (String attr : List.of("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=31536000")) {
            assertTrue(set.contains(attr), attr + " in " + set);
        }
        assertFalse(set.contains("Secure"), set);
        assertEquals(86, page.text().length(), "a masked token: 64 bytes base64url");
        assertTrue(client.get("/form").send().headers().all("set-cookie").isEmpty(), "the cookie came back");

        TestResponse head = TestClient.of(csrf().wrap(APP)).head("/form").send();
        assertEquals("", head.text());
        assertTrue(cookie(head, "csrf_token").contains("HttpOnly"));
        TestResponse garbled = TestClient.of(csrf().wrap(APP)).get("/").cookie("csrf_token", "short").send();
        assertNotEquals("csrf_token=short", cookie(garbled, "csrf_token").split(";")[0], "a bad value is replaced");
    }

    @Test
    void overHttpsTheCookieIsSecureAndHostPrefixed() {
        TestClient client = TestClient.builder(csrf().wrap(APP)).secure(true).build();
        TestResponse page = client.get("/form").send();
        assertTrue(cookie(page, "__Host-csrf_token").contains("Secure"));
        assertEquals(200, client.post("/save").header("x-csrf-token", page.text()).text("a").send().status());
    }

    @Test
    void theHeaderTokenPassesManyTimesInAnyMaskedForm() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        String first = client.get("/form").send().text();
        String second = client.get("/other-tab").send().text();
        assertNotEquals(first, second, "each page gets differently masked bytes");
        for (String token : List.of(first, second, first)) {
            TestResponse res = client.post("/save").header("X-CSRF-Token", token).text("x").send();
            assertEquals(200, res.status(), res.text());
            assertEquals("done x", res.text());
        }
    }

    @Test
    void missingBadAndCookielessTokensAreRefusedNamingTheCheckAndNothingSecret() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        String token = client.get("/form").send().text();
        TestResponse missing = client.post("/save").text("x").send();
        assertEquals(403, missing.status());
        assertEquals("CSRF check failed: missing token: send it in the x-csrf-token header or the _csrf_token"
                + " form field", missing.text());
        String flipped = token.substring(0, 50) + (token.charAt(50) == 'A' ? 'B' : 'A') + token.substring(51);
        for (String bad : List.of(flipped, "not-a-token", token + "A")) {
            TestResponse res = client.post("/save").header("x-csrf-token", bad).text("x").send();
            assertEquals(403, res.status());
            assertEquals("CSRF check failed: bad token", res.text());
        }
        TestResponse noCookie = TestClient.of(csrf().wrap(APP)).post("/save").cookie("theme", "dark")
                .header("x-csrf-token", token).text("x").send();
        assertEquals("CSRF check failed: missing token cookie: load a page of this site first", noCookie.text());
        TestResponse otherCookie = TestClient.of(csrf().wrap(APP)).post("/save")
                .cookie("csrf_token", CsrfTokens.newCookieValue()).header("x-csrf-token", token).text("x").send();
        assertEquals("CSRF check failed: bad token", otherCookie.text(), "bound to the cookie it was minted for");
    }

    @Test
    void theFormFieldIsReadAndTheBodyStaysReadableForTheHandler() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        String token = client.get("/form").send().text();
        TestResponse res = client.post("/save").form(Map.of("_csrf_token", token, "note", "hi")).send();
        assertEquals(200, res.status(), res.text());
        assertTrue(res.text().startsWith("done ") && res.text().contains("note=hi")
                && res.text().contains("_csrf_token="), res.text());
        TestResponse wrong = client.post("/save").form(Map.of("_csrf_token", "nope", "note", "hi")).send();
        assertEquals("CSRF check failed: bad token", wrong.text());
    }

    @Test
    void theMultipartFieldIsReadAndTheFormStaysReadableForTheHandler() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        String token = client.get("/form").send().text();
        Multipart form = Multipart.builder().field("_csrf_token", token).field("note", "upload")
                .file("doc", "a.txt", Bytes.utf8("content")).build();
        TestResponse res = client.post("/upload").multipart(form).send();
        assertEquals(200, res.status(), res.text());
        assertEquals("done note=upload", res.text());
        Multipart without = Multipart.builder().field("note", "upload").build();
        assertEquals(403, client.post("/upload").multipart(without).send().status());
    }

    @Test
    void theTokenComparisonIsConstantTime() throws IOException {
        try (InputStream in = CsrfTokens.class.getResourceAsStream("CsrfTokens.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(classFile.contains("java/security/MessageDigest") && classFile.contains("isEqual"),
                    "the comparison goes through MessageDigest.isEqual");
            assertFalse(classFile.contains("java/util/Arrays"), "no early-exit Arrays.equals");
        }
    }

    @Test
    void aRequestWithoutAnyCookieIsNotSubjectToTheToken() {
        TestClient client = TestClient.of(csrf().wrap(APP));
        TestResponse api = client.post("/api/items").header("authorization", "Bearer abc").text("x").send();
        assertEquals(200, api.status(), api.text());
        assertTrue(api.headers().all("set-cookie").isEmpty(), "no CSRF cookie on an unsafe request");
    }

    @Test
    void exemptPrefixesAndPredicatesSkipTheChecks() {
        Csrf csrf = Csrf.builder().secret(SECRET).exempt("/hooks")
                .exemptIf(s -> s.headers().contains("x-internal")).build();
        TestClient client = TestClient.of(csrf.wrap(APP));
        client.get("/form").send();
        assertEquals(200, client.post("/hooks/github").header("sec-fetch-site", "cross-site").text("x").send()
                .status());
        assertEquals(403, client.post("/hooksx").text("x").send().status(), "a segment boundary");
        assertEquals(200, client.post("/save").header("x-internal", "1").text("x").send().status());
    }

    @Test
    void optionsRenameTheHeaderFieldAndCookieAndNarrowTheSafeMethods() {
        Csrf csrf = Csrf.builder().secret(SECRET).headerName("X-XSRF").formField("authenticity").cookieName("xsrf")
                .cookieMaxAge(Duration.ofHours(2)).safeMethods("GET", "HEAD").build();
        assertEquals("x-xsrf", csrf.config().headerName());
        TestClient client = TestClient.of(csrf.wrap(APP));
        TestResponse page = client.get("/form").send();
        assertTrue(cookie(page, "xsrf").contains("Max-Age=7200"));
        String token = page.text();
        assertEquals(200, client.post("/a").header("x-xsrf", token).text("x").send().status());
        assertEquals(403, client.post("/a").header("x-csrf-token", token).text("x").send().status());
        assertEquals(200, client.post("/a").form(Map.of("authenticity", token)).send().status());
        assertEquals(403, client.request("OPTIONS", "/a").send().status(), "OPTIONS is no longer safe");
        assertEquals(200, TestClient.of(csrf().wrap(APP)).request("OPTIONS", "/a").cookie("x", "y").send().status(),
                "OPTIONS is safe by default");
    }

    @Test
    void aShortSecretAndOtherBadOptionsAreRefusedNamingTheOption() {
        Map<String, Supplier<Object>> bad = Map.of(
                "secret must be at least 32 bytes", () -> Csrf.builder().secret("x".repeat(31)),
                "secret is required", () -> Csrf.builder().build(),
                "safeMethods: POST is not safe", () -> Csrf.builder().secret(SECRET).safeMethods("GET", "POST").build(),
                "trustedOrigins: not an origin",
                () -> Csrf.builder().secret(SECRET).trustedOrigin("https://a/b").build(),
                "exempt: a prefix starts with '/'", () -> Csrf.builder().secret(SECRET).exempt("api").build(),
                "cookieName: cookie name: '__x'", () -> Csrf.builder().secret(SECRET).cookieName("__x").build(),
                "headerName: 'bad header'", () -> Csrf.builder().headerName("bad header"),
                "cookieMaxAge must be positive", () -> Csrf.builder().cookieMaxAge(Duration.ZERO),
                "formField must not be empty", () -> Csrf.builder().formField(""));
        bad.forEach((message, build) -> {
            String got = assertThrows(IllegalArgumentException.class, build::get).getMessage();
            assertTrue(got.startsWith(message), "'" + got + "' starts with '" + message + "'");
            assertFalse(got.contains(SECRET));
        });
    }

    @Test
    void streamedResponsesPassEventByEventWithTheCookieOnTheStart() {
        Application streamed = ScriptedResponse.of(200, Headers.of("content-type", "text/plain", "set-cookie",
                "app=1"), "one ", "two ", "three");
        TestResponse res = TestClient.of(csrf().wrap(streamed)).get("/stream").send();
        assertEquals(List.of("one ", "two ", "three"), res.chunks().stream().map(Bytes::utf8)
                .filter(s -> !s.isEmpty()).toList());
        assertEquals(2, res.headers().all("set-cookie").size(), "the application's cookie is kept");

        TestClient client = TestClient.of(csrf().wrap((scope, receive, send) ->
                ((HttpScope) scope).method().equals("GET") ? APP.call(scope, receive, send)
                        : streamed.call(scope, receive, send)));
        String token = client.get("/").send().text();
        TestResponse post = client.post("/stream").header("x-csrf-token", token).send();
        assertEquals(List.of("one ", "two ", "three"), post.chunks().stream().map(Bytes::utf8)
                .filter(s -> !s.isEmpty()).toList());
        assertEquals(List.of("app=1"), post.headers().all("set-cookie"), "no CSRF cookie on an unsafe request");
    }

    @Test
    void websocketSseAndLifespanPassThroughUntouched() {
        PassThrough.untouched(csrf(), PassThrough.Kind.WEBSOCKET, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
        assertEquals("none", TestClient.of(APP).get("/").send().text(), "no token outside the middleware");
    }
}
