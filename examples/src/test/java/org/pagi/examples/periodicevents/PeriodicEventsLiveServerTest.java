package org.pagi.examples.periodicevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * The periodic-events example on a live server in both execution modes; and {@code /stream} read line by line by
 * the JDK's client as ticks are published, then left, which ends the handler.
 */
@Timeout(30)
class PeriodicEventsLiveServerTest extends PeriodicEventsChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void streamsALinePerTickUntilTheClientLeaves() throws Exception {
        App app = new App(NEVER, NEVER);
        CallWatcher watched = new CallWatcher(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (LiveServerClient client = LiveServerClient.start(watched, Wire.JDK_HTTP_CLIENT,
                ExecutionMode.VIRTUAL_THREADS)) {
            CompletableFuture<HttpResponse<InputStream>> started = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + client.server().port() + "/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            // the server sends the head with the first line, so the first tick comes before the response
            Await.until(() -> app.hub().waiting() == 1, "the stream waiting for its first tick");
            app.hub().publish();
            HttpResponse<InputStream> response = started.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("application/x-ndjson", response.headers().firstValue("content-type").orElseThrow());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                assertEquals("{\"tick\":1}", lines.readLine());
                for (int tick = 2; tick <= 3; tick++) {
                    Await.until(() -> app.hub().waiting() == 1, "the stream waiting for a tick");
                    app.hub().publish();
                    assertEquals("{\"tick\":" + tick + "}", lines.readLine());
                }
            }
            http.shutdownNow(); // closes the connection: the client has left
            watched.awaitReturn("http", Duration.ofSeconds(10));
        } finally {
            http.shutdownNow(); // not close(): it can wait with no bound after shutdownNow (seen under load)
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends PeriodicEventsChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
