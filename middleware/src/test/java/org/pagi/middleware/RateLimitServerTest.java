package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.wrappers.response.Response;

/** The 429 answer on the wire: status, fields and body reach a real client, and the connection keeps serving. */
@Timeout(30)
class RateLimitServerTest {

    @Test
    void theRefusalReachesARealClientWithItsFields() throws Exception {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        var app = RateLimit.builder().burst(2).ietfHeaders(true).clock(clock).build()
                .wrap((scope, receive, send) -> Response.text("ok").respond(scope, send));
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .header("x-forwarded-for", "192.0.2.1").timeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> ok = client.send(get, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode());
                assertEquals("ok", ok.body());
                assertEquals(String.valueOf(1 - i), ok.headers().firstValue("x-ratelimit-remaining").orElseThrow());
            }
            HttpResponse<String> refused = client.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode());
            assertEquals(RateLimit.REFUSED_BODY, refused.body());
            assertEquals("1", refused.headers().firstValue("retry-after").orElseThrow());
            assertEquals("2", refused.headers().firstValue("x-ratelimit-limit").orElseThrow());
            assertEquals("0", refused.headers().firstValue("x-ratelimit-remaining").orElseThrow());
            assertEquals("\"default\";q=2;w=1", refused.headers().firstValue("ratelimit-policy").orElseThrow());

            clock.advance(Duration.ofMillis(100));
            assertEquals(200, client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "the same connection serves again once a token is back");
        }
    }
}
