package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/**
 * The encrypted session cookie over a real socket with a standard cookie-keeping client: it round-trips, it is sent
 * only when the session changed, and a session too large for a browser's cookie fails that one response instead of
 * being silently dropped, while the server keeps serving.
 */
class SessionOverSocketTest {

    @Test
    @Timeout(30)
    void theCookieRoundTripsAndAnOversizedOneFailsOnlyItsResponse() throws Exception {
        Session session = Session.builder().store(CookieSessionStore.builder().secret(SessionTest.SECRET).build())
                .build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(session.wrap(SessionTest.APP), config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> set = get(client, base + "/set");
            assertEquals(200, set.statusCode());
            List<String> cookies = set.headers().allValues("set-cookie");
            assertEquals(1, cookies.size());
            assertTrue(cookies.get(0).startsWith("pagi_session=") && cookies.get(0).contains("HttpOnly"),
                    cookies.get(0));

            HttpResponse<String> again = get(client, base + "/");
            assertEquals(set.body(), again.body(), "the client sent the cookie back and the session opened");
            assertTrue(again.headers().allValues("set-cookie").isEmpty(), "unchanged: no Set-Cookie");

            HttpResponse<String> big = get(client, base + "/big");
            assertEquals(500, big.statusCode(), "a cookie over 4093 bytes is an error, not a silent loss");
            assertTrue(big.headers().allValues("set-cookie").isEmpty());

            HttpResponse<String> after = get(client, base + "/");
            assertEquals(set.body(), after.body(), "the server keeps serving and the old session is intact");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
