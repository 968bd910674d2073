package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/** A browser's form POST over a real socket: from the page's own origin it passes, from another site it is 403. */
class CsrfOverSocketTest {

    @Test
    @Timeout(30)
    void aSameOriginFormPostPassesAndACrossSiteOneIsRefused() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(CsrfTest.csrf().wrap(CsrfTest.APP), config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            String site = "http://127.0.0.1:" + server.port();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(site + "/form"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String setCookie = page.headers().firstValue("set-cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String form = "note=hello&_csrf_token=" + page.body();

            HttpResponse<String> sameOrigin = client.send(post(site, cookie, form).header("Origin", site)
                    .header("Sec-Fetch-Site", "same-origin").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
            assertEquals("done " + form, sameOrigin.body(), "the handler read the body the middleware read");

            HttpResponse<String> crossSite = client.send(post(site, cookie, form)
                    .header("Origin", "https://evil.example")
                    .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, crossSite.statusCode());
            assertEquals("CSRF check failed: cross-site request (Sec-Fetch-Site: cross-site)", crossSite.body());

            HttpResponse<String> oldBrowser = client.send(post(site, cookie, form)
                    .header("Origin", "https://evil.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, oldBrowser.statusCode(), "without Sec-Fetch-Site the Origin decides");
            assertTrue(oldBrowser.body().contains("Origin is neither this site"), oldBrowser.body());
        }
    }

    private static HttpRequest.Builder post(String site, String cookie, String form) {
        return HttpRequest.newBuilder(URI.create(site + "/save")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }
}
