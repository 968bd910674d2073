package org.pagi.examples.legacybridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * Example 09 on a live PAGI server over a raw socket (so a chunked request body really arrives in pieces), in
 * both execution modes; and the other direction, a PAGI application on the JDK's {@code HttpServer}.
 */
@Timeout(30)
class LegacyBridgeLiveServerTest extends LegacyBridgeChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void theJdkServerServesAPagiApplication() throws Exception {
        HttpServer server = JdkServerMain.start(new org.pagi.examples.hellohttp.App(), "127.0.0.1", 0);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/any")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("Hello from PAGI", response.body());
        } finally {
            server.stop(0);
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends LegacyBridgeChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.EVENT_LOOP);
        }
    }
}
