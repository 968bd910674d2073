package org.pagi.wrappers.lifespan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.Application;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.background.BackgroundTasks;
import org.pagi.wrappers.response.Response;

/**
 * Lifespan and background tasks over a real socket: startup state reaches requests, a background task runs only
 * after the client holds the whole response, and shutdown hooks run in reverse when the server stops.
 */
@Timeout(30)
class LifespanOnServerTest {

    private static final StateKey<String> GREETING = StateKey.of("test.greeting", String.class);

    @Test
    void startupStateBackgroundTaskAndReverseShutdownOverASocket() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch clientHasResponse = new CountDownLatch(1);
        CompletableFuture<Boolean> taskSawClientDone = new CompletableFuture<>();
        Application handler = Blocking.app((scope, receive, send) -> {
            if (!"http".equals(scope.type())) {
                throw new org.pagi.spec.UnsupportedScopeException(scope);
            }
            // The task waits until the test thread has read the whole body: had the response been held open
            // for the task, the client would never get it and the latch would never open.
            BackgroundTasks.after(scope, "audit", () -> taskSawClientDone.complete(
                    clientHasResponse.await(10, TimeUnit.SECONDS)));
            Response.text(GREETING.get(scope) + " " + scope.state().get("test.pool").orElseThrow())
                    .blocking().respond(scope, send);
        });
        Lifespan app = Lifespan.wrap(handler)
                .onStartupBlocking("greeting", life -> {
                    GREETING.put(life.state(), "hello");
                    log.add("start greeting");
                })
                .onShutdownBlocking("greeting", life -> log.add("stop greeting"))
                .onStartup("pool", life -> CompletableFuture.runAsync(() -> {
                    life.state().put("test.pool", "pool-1");
                    log.add("start pool");
                }))
                .onShutdown("pool", life -> CompletableFuture.runAsync(() -> log.add("stop pool")));

        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        PagiServer server = PagiServer.start(app, config);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            assertEquals(List.of("start greeting", "start pool"), log);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("hello pool-1", response.body());
            assertFalse(taskSawClientDone.isDone(), "the task is still waiting for the client");
            clientHasResponse.countDown();
            assertTrue(taskSawClientDone.get(10, TimeUnit.SECONDS));
        } finally {
            server.close();
        }
        assertEquals(List.of("start greeting", "start pool", "stop pool", "stop greeting"), log);
    }
}
