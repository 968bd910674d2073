package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pagi.spec.Headers;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** {@link Csrf}'s first check: Sec-Fetch-Site, then Origin, then Referer, against the request's own origin. */
class CsrfCrossSiteTest {

    /** A client holding the CSRF cookie, and a valid token for it. */
    record Visitor(TestClient client, String token) {
        static Visitor of(Csrf csrf) {
            TestClient client = TestClient.of(csrf.wrap(CsrfTest.APP));
            return new Visitor(client, client.get("/form").send().text());
        }

        TestResponse post(String header, String value) {
            return client.post("/save").header("x-csrf-token", token).header(header, value).text("x").send();
        }
    }

    static void refused(TestResponse res, String reason) {
        assertEquals(403, res.status());
        assertEquals("CSRF check failed: cross-site request (" + reason + ")", res.text());
    }

    @Test
    void secFetchSiteRefusesCrossSiteAndSameSiteEvenWithAValidToken() {
        Visitor v = Visitor.of(CsrfTest.csrf());
        refused(v.post("sec-fetch-site", "cross-site"), "Sec-Fetch-Site: cross-site");
        refused(v.post("sec-fetch-site", "same-site"), "Sec-Fetch-Site: same-site");
        refused(v.post("sec-fetch-site", "sideways"), "Sec-Fetch-Site is not same-origin");
        assertEquals(200, v.post("sec-fetch-site", "same-origin").status());
        assertEquals(200, v.post("sec-fetch-site", "none").status(), "typed or bookmarked by the user");
        assertEquals(200, v.client().post("/save").header("x-csrf-token", v.token()).header("sec-fetch-site",
                "same-origin").header("origin", "https://evil.example").text("x").send().status(),
                "Sec-Fetch-Site wins over Origin when present");
    }

    @Test
    void sameSiteCanBeAllowed() {
        Visitor v = Visitor.of(Csrf.builder().secret(CsrfTest.SECRET).allowSameSite(true).build());
        assertEquals(200, v.post("sec-fetch-site", "same-site").status());
        refused(v.post("sec-fetch-site", "cross-site"), "Sec-Fetch-Site: cross-site");
    }

    @Test
    void withoutSecFetchSiteTheOriginMustBeTheRequestsOwn() {
        Visitor v = Visitor.of(CsrfTest.csrf());
        assertEquals(200, v.post("origin", "http://testserver").status());
        assertEquals(200, v.post("origin", "HTTP://TestServer:80").status(), "normalised, default port");
        refused(v.post("origin", "https://evil.example"), "Origin is neither this site nor a trusted origin");
        refused(v.post("origin", "https://testserver"), "Origin is neither this site nor a trusted origin");
        refused(v.post("origin", "http://testserver:8080"), "Origin is neither this site nor a trusted origin");
        refused(v.post("origin", "null"), "Origin: null");
        refused(v.client().post("/save").header("x-csrf-token", v.token()).header("origin", "http://testserver")
                .header("origin", "http://testserver").text("x").send(),
                "a repeated Origin, Referer or Sec-Fetch-Site header");
    }

    @Test
    void theRefererIsTheFallbackWhenOriginIsAbsent() {
        Visitor v = Visitor.of(CsrfTest.csrf());
        assertEquals(200, v.post("referer", "http://testserver/form?step=2").status());
        refused(v.post("referer", "https://evil.example/testserver"),
                "Referer is neither this site nor a trusted origin");
        refused(v.post("referer", "not a url"), "Referer is neither this site nor a trusted origin");
        assertEquals(200, v.client().post("/save").header("x-csrf-token", v.token()).text("x").send().status(),
                "no browser signal at all: the token decides");
    }

    @Test
    void aTrustedOriginPassesTheFirstCheckButStillNeedsTheToken() {
        Visitor v = Visitor.of(Csrf.builder().secret(CsrfTest.SECRET).trustedOrigin("https://app.example.com").build());
        TestResponse trusted = v.client().post("/save").header("x-csrf-token", v.token())
                .header("origin", "https://app.example.com").header("sec-fetch-site", "same-site").text("x").send();
        assertEquals(200, trusted.status(), trusted.text());
        assertEquals(200, v.post("referer", "https://app.example.com/page").status());
        TestResponse noToken = v.client().post("/save").header("origin", "https://app.example.com").text("x").send();
        assertEquals(403, noToken.status());
        assertEquals(true, noToken.text().startsWith("CSRF check failed: missing token"), noToken.text());
        refused(v.post("origin", "https://other.example.com"), "Origin is neither this site nor a trusted origin");
    }

    @Test
    void aCookielessCrossSitePostIsStillRefused() {
        TestClient client = TestClient.of(CsrfTest.csrf().wrap(CsrfTest.APP));
        refused(client.post("/login").header("sec-fetch-site", "cross-site").text("user=mallory").send(),
                "Sec-Fetch-Site: cross-site");
        assertEquals(200, client.post("/login").header("sec-fetch-site", "same-origin").text("u").send().status());
    }

    @Test
    void theOwnOriginIsTheOneProxyHeadersResolved() {
        ProxyHeaders proxy = ProxyHeaders.builder().trustedProxy("127.0.0.1").build();
        TestClient client = TestClient.of(MiddlewareStack.builder().enable(proxy).enable(CsrfTest.csrf())
                .build(CsrfTest.APP));
        Headers forwarded = Headers.of("x-forwarded-for", "203.0.113.9", "x-forwarded-proto", "https",
                "x-forwarded-host", "shop.example");
        TestResponse page = client.get("/form").headers(forwarded).send();
        String set = CsrfTest.cookie(page, "__Host-csrf_token");
        String cookie = set.substring("__Host-csrf_token=".length(), set.indexOf(';'));
        for (String origin : new String[] {"https://shop.example", "http://testserver"}) {
            TestResponse res = client.post("/save").headers(forwarded).header("origin", origin)
                    .cookie("__Host-csrf_token", cookie).header("x-csrf-token", page.text()).text("x").send();
            if (origin.startsWith("https")) {
                assertEquals(200, res.status(), res.text());
            } else {
                refused(res, "Origin is neither this site nor a trusted origin");
            }
        }
    }
}
