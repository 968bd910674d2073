package org.pagi.examples.streamingresponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.ExampleRequest;
import org.pagi.examples.support.ExampleResponse;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.HttpScope;

/**
 * Example 02 on a live server, read over a raw socket (the JDK's client shows neither chunk boundaries nor
 * trailers), in both of the server's execution modes; plus the JDK's client reading the stream whole, and a client
 * that closes its socket during a pause.
 */
class StreamingResponseLiveServerTest extends StreamingResponseChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void theJdkClientReadsTheWholeStreamEvenWhenTrailersFollow() {
        try (LiveServerClient jdk = LiveServerClient.start(new App(Duration.ofMillis(5)), Wire.JDK_HTTP_CLIENT)) {
            ExampleResponse response = jdk.send(ExampleRequest.get("/").withHeader("te", "trailers"));
            assertEquals(200, response.status());
            assertEquals("Chunk 1\nChunk 2\nChunk 3\n", response.text());
        }
    }

    @Test
    void stopsStreamingWhenTheClientClosesItsSocketDuringAPause() throws Exception {
        // A pause far longer than the test's patience: the application must notice the close, not sleep on.
        CompletableFuture<HttpScope> finished = new CompletableFuture<>();
        Application app = new App(Duration.ofMinutes(5));
        Application watched = (scope, receive, send) -> app.call(scope, receive, send).whenComplete((v, failure) -> {
            if (scope instanceof HttpScope http) {
                finished.complete(http);
            }
        });
        try (LiveServerClient live = LiveServerClient.start(watched, Wire.RAW_SOCKET)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", live.server().port()), 5_000);
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String received = readUntil(socket.getInputStream(), "Chunk 1\n");
                assertTrue(received.contains("Chunk 1\n"), received);
            }
            HttpScope scope = finished.get(5, TimeUnit.SECONDS);
            assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), scope.connection().disconnectReason());
        }
    }

    /** @return what arrived, up to and including {@code marker}; the socket's read timeout bounds the wait */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int b;
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith(marker) && (b = in.read()) >= 0) {
            seen.write(b);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends StreamingResponseChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.RAW_SOCKET, ExecutionMode.EVENT_LOOP);
        }
    }
}
