package org.pagi.examples.requestbody;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.LiveServerClient;
import org.pagi.examples.support.LiveServerClient.Wire;
import org.pagi.examples.support.Recorder;
import org.pagi.server.ExecutionMode;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;

/**
 * Example 03 on a live server, read by the JDK's HTTP client (which sends a body of several pieces chunked), in
 * both of the server's execution modes; plus a client that closes its socket in the middle of its body.
 */
class RequestBodyLiveServerTest extends RequestBodyChecks {

    @Override
    protected ExampleClient start(Application app) {
        return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.VIRTUAL_THREADS);
    }

    @Test
    void returnsWithoutAnsweringWhenTheClientClosesItsSocketMidBody() throws Exception {
        CompletableFuture<HttpScope> finished = new CompletableFuture<>();
        Application watched = (scope, receive, send) -> new App().call(scope, receive, send)
                .whenComplete((v, failure) -> {
                    if (scope instanceof HttpScope http) {
                        finished.complete(http);
                    }
                });
        Recorder recorder = new Recorder(watched);
        try (LiveServerClient live = LiveServerClient.start(recorder, Wire.RAW_SOCKET)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", live.server().port()), 5_000);
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf a bo")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
            HttpScope scope = finished.get(5, TimeUnit.SECONDS); // fails the test if the application still waits
            assertFalse(scope.connection().responseStarted());
            // Which reason the server reports for a close inside the body is the server's business (see
            // ServerEndToEndTest); the example only needs to learn that the client is gone.
            assertFalse(scope.connection().isConnected());
            assertTrue(recorder.sent().isEmpty(), "sent: " + recorder.sent());
        }
    }

    /** The same checks with the application called on the server's selector loop. */
    @Nested
    class OnTheEventLoop extends RequestBodyChecks {
        @Override
        protected ExampleClient start(Application app) {
            return LiveServerClient.start(app, Wire.JDK_HTTP_CLIENT, ExecutionMode.EVENT_LOOP);
        }
    }
}
