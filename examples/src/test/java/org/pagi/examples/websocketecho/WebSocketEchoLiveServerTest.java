package org.pagi.examples.websocketecho;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;

/**
 * Example 04 on a live server, reached by the JDK's {@code java.net.http.WebSocket} client, in both of the
 * server's execution modes; plus the server's answer to the client's Close frame, which only a socket shows.
 */
class WebSocketEchoLiveServerTest extends WebSocketEchoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void answersTheClientsCloseFrameWithTheSameCode() throws Exception {
        // The application never sends websocket.close: the server answers the Close frame itself, echoing its code
        // (RFC 6455 section 5.5.1).
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                answered.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                answered.completeExceptionally(error);
            }
        };
        try (LiveServerClient live = LiveServerClient.start(app, ExecutionMode.VIRTUAL_THREADS);
                HttpClient client = HttpClient.newHttpClient()) {
            WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + live.server().port() + "/"), listener)
                    .get(5, TimeUnit.SECONDS);
            ws.sendClose(4000, "done for today").get(5, TimeUnit.SECONDS);
            assertEquals(4000, answered.get(5, TimeUnit.SECONDS));
            app.awaitReturn("websocket", PROMPTLY);
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends WebSocketEchoChecks {
        @Override
        protected ExampleSessionClient start(Application app) {
            return LiveServerClient.start(app, ExecutionMode.EVENT_LOOP);
        }
    }
}
