package org.pagi.examples.eventmiddleware;

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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.examples.support.Await;
import org.pagi.examples.support.CallWatcher;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;

/**
 * The event-middleware example on a live server in both execution modes: the stream read line by line by the
 * JDK's client, a tick published for each line; then the client leaves, the server gives {@code
 * http.disconnect} through the same wrapped {@code receive}, and the application returns.
 */
@Timeout(30)
class EventMiddlewareLiveServerTest {

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void streamsALinePerTickUntilTheClientLeaves(ExecutionMode mode) throws Exception {
        App app = new App(EventMiddlewareTest.NEVER);
        CallWatcher watched = new CallWatcher(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (LiveServerClient client = LiveServerClient.start(watched, Wire.JDK_HTTP_CLIENT, mode)) {
            CompletableFuture<HttpResponse<InputStream>> started = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + client.server().port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    new LazyBody(started), StandardCharsets.UTF_8))) {
                for (int tick = 1; tick <= 3; tick++) {
                    Await.until(() -> app.middleware().hub().waiting() == 1,
                            "the application waiting on receive");
                    app.middleware().hub().publish();
                    assertEquals("{\"tick\":" + tick + "}", lines.readLine());
                }
                response = started.get(10, TimeUnit.SECONDS);
            }
            assertEquals(200, response.statusCode());
            assertEquals("application/x-ndjson", response.headers().firstValue("content-type").orElseThrow());
            http.shutdownNow(); // closes the connection: the client has left
            watched.awaitReturn("http", Duration.ofSeconds(10));
        } finally {
            http.shutdownNow(); // not close(): it can wait with no bound after shutdownNow (seen under load)
            http.awaitTermination(Duration.ofSeconds(5));
        }
    }

    /** The body of a response that may arrive only with its first line: opened on the first read. */
    private static final class LazyBody extends InputStream {
        private final CompletableFuture<HttpResponse<InputStream>> response;
        private InputStream body;

        LazyBody(CompletableFuture<HttpResponse<InputStream>> response) {
            this.response = response;
        }

        private InputStream body() throws java.io.IOException {
            if (body == null) {
                try {
                    body = response.get(10, TimeUnit.SECONDS).body();
                } catch (Exception e) {
                    throw new java.io.IOException("no response", e);
                }
            }
            return body;
        }

        @Override
        public int read() throws java.io.IOException {
            return body().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return body().read(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            if (body != null) {
                body.close();
            }
        }
    }
}
