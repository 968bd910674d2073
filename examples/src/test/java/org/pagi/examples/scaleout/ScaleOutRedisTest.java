package org.pagi.examples.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.examples.cluster.ServerInstance;
import org.pagi.middleware.redis.RedisServerProcess;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;

/** What one instance does when Redis is not there at startup, and when it goes away while running. */
@Timeout(120)
class ScaleOutRedisTest {
    @Test
    void redisUnreachableAtStartupStopsTheInstanceNamingTheAddress() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        IOException failed = assertThrows(IOException.class, () -> ServerInstance.of(App.class.getName())
                .env("PAGI_REDIS_URL", "redis://127.0.0.1:" + closed).readyPath("/whoami").start());
        assertTrue(failed.getMessage().contains("Redis at 127.0.0.1:" + closed + " is unreachable"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains(" exited with 2 before answering"),
                "status 2: the application could not be built\n" + failed.getMessage());
    }

    @Test
    void redisLostWhileRunningIsA503NamingItAndServiceResumesWhenItIsBack() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            App app = new App(Map.of("PAGI_INSTANCE", "solo", "PAGI_REDIS_URL", redis.url()));
            TestClient client = TestClient.builder(app).timeout(Duration.ofSeconds(15)).build();
            TestClient anonymous = TestClient.builder(app).timeout(Duration.ofSeconds(15)).build(); // no session
            assertEquals(202, client.post("/events").text("before").send().status());
            assertEquals(200, client.post("/login").query("user", "bob").send().status());
            assertEquals("bob", client.get("/me").send().text());

            redis.stop();
            TestResponse publish = anonymous.post("/events").text("lost").send();
            assertEquals(503, publish.status(), "a publish is refused visibly, not dropped");
            assertTrue(publish.text().contains("127.0.0.1:" + redis.port()), publish.text());
            assertEquals(503, client.get("/me").send().status(), "the session is unavailable, not logged out");
            assertEquals(200, anonymous.get("/api/limited").send().status(), "the rate limit fails open");

            redis.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status = 0;
            while (status != 202 && System.nanoTime() < deadline) {
                status = anonymous.post("/events").text("after").send().status();
                if (status != 202) {
                    Thread.sleep(100);
                }
            }
            assertEquals(202, status, "publishing works again once Redis is back");
            // Redis restarted empty (persistence off here): the old session is gone, so the user logs in again.
            assertEquals(401, client.get("/me").send().status());
            assertEquals(200, client.post("/login").query("user", "bob").send().status());
            assertEquals("bob", client.get("/me").send().text());
        }
    }
}
