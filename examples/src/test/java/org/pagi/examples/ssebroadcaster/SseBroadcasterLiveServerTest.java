package org.pagi.examples.ssebroadcaster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * Example 05 on a live server, read by the JDK's HTTP client with the kit's {@code SseDecoder}, in both of the
 * server's execution modes; plus the stream's exact text, as {@code curl -N} prints it in the README.
 */
class SseBroadcasterLiveServerTest extends SseBroadcasterChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void writesTheStreamExactlyAsTheReadmeShowsIt() throws Exception {
        // The body as curl -N prints it: chunked framing removed, nothing else. Keep the README in step.
        String readme = "event: tick\ndata: 1\n\nevent: tick\ndata: 2\n\nevent: done\ndata: finished\n\n";
        try (LiveServerClient live = LiveServerClient.start(new App(SHORT), ExecutionMode.VIRTUAL_THREADS);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + live.server().port() + "/"))
                    .header("accept", "text/event-stream").timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(Optional.of("text/event-stream"), response.headers().firstValue("content-type"));
            assertEquals(readme, response.body());
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends SseBroadcasterChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
