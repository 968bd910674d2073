package org.pagi.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pagi.server.TestApps.readBody;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;

/** The JDK's own HTTP client as a second, independent client (h11 checks itself against Python's stdlib). */
class ServerWithJdkClientTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final Application ECHO = TestApps.http((scope, rc, sd) -> {
        Bytes body = readBody(rc, null);
        if (scope.method().equals("GET")) {
            TestApps.text(sd, 200, "Hello from PAGI!");
            return;
        }
        TestApps.send(sd, new HttpResponseStart(200, Headers.of("content-type", "application/octet-stream")));
        int half = body.length() / 2;
        TestApps.send(sd, HttpResponseBody.chunk(body.slice(0, half)));
        TestApps.send(sd, HttpResponseBody.last(body.slice(half, body.length())));
    });

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void servesTheJdkClient(ExecutionMode mode) throws Exception {
        // the echo app blocks, so it needs virtual threads; event-loop mode gets the non-blocking app
        Application app = mode == ExecutionMode.EVENT_LOOP ? TestApps.ECHO_PATH : ECHO;
        try (LiveServer s = LiveServer.start(app, mode)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/hello");
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(mode == ExecutionMode.EVENT_LOOP ? "GET /hello" : "Hello from PAGI!", r.body());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = "VIRTUAL_THREADS")
    void echoesALargeBodyToTheJdkClientByteForByte(ExecutionMode mode) throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        try (LiveServer s = LiveServer.start(ECHO, mode)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/echo");
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(body, r.body());
        }
    }
}
