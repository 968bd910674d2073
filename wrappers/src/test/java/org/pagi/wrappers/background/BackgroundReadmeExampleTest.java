package org.pagi.wrappers.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.testing.TestClient;
import org.pagi.testing.TestResponse;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/** The examples of the "Background tasks" section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class BackgroundReadmeExampleTest {

    @Test
    void asyncMode() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(2);
        // --- README example starts
        Application signup = (scope, receive, send) -> {
            BackgroundTasks.of(scope)
                    .add("welcome-mail", () -> {                          // blocking: its own virtual thread
                        done.add("mail");
                        finished.countDown();
                    })
                    .addAsync("index", () -> CompletableFuture.runAsync(() -> { // async: a stage
                        done.add("index");
                        finished.countDown();
                    }));
            return Response.text("signed up").withStatus(201).respond(scope, send); // not delayed by the tasks
        };
        // --- README example ends
        check(signup, done, finished);
    }

    @Test
    void blockingMode() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(2);
        // --- README example starts
        Application signup = Blocking.app((scope, receive, send) -> {
            BackgroundTasks.after(scope, "welcome-mail", () -> {
                done.add("mail");
                finished.countDown();
            });
            BackgroundTasks.afterAsync(scope, "index", () -> CompletableFuture.runAsync(() -> {
                done.add("index");
                finished.countDown();
            }));
            Response.text("signed up").withStatus(201).blocking().respond(scope, send);
        });
        // --- README example ends
        check(signup, done, finished);
    }

    private static void check(Application signup, List<String> done, CountDownLatch finished) throws Exception {
        TestResponse response = TestClient.of(signup).post("/signup").send();
        assertEquals(201, response.status());
        assertEquals("signed up", response.text());
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("index", "mail"), done.stream().sorted().toList());
    }
}
