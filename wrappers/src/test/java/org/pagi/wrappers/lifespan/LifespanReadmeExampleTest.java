package org.pagi.wrappers.lifespan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.HttpScope;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/** The example of the "Lifespan: Lifespan" section of wrappers/README.md, kept identical to it and run. */
@Timeout(20)
class LifespanReadmeExampleTest {

    @Test
    void example() throws Exception {
        // --- README example starts
        StateKey<AtomicLong> hits = StateKey.of("myapp.hits", AtomicLong.class);
        List<String> events = new CopyOnWriteArrayList<>();
        Application app = Lifespan.wrap(Blocking.app((scope, receive, send) -> {          // a blocking handler
                    if (!(scope instanceof HttpScope)) {
                        throw new UnsupportedScopeException(scope);                      // no lifespan of its own
                    }
                    Response.text("hit " + hits.get(scope).incrementAndGet()).blocking().respond(scope, send);
                }))
                .onStartupBlocking("hits", life -> hits.put(life.state(), new AtomicLong())) // own virtual thread
                .onShutdownBlocking("hits", life -> events.add("served " + hits.get(life).get()))
                .onStartup("cache", life -> CompletableFuture.runAsync(() -> events.add("cache warm"))) // a stage
                .onShutdown("cache", life -> CompletableFuture.runAsync(() -> events.add("cache dropped")))
                .hookTimeout(Duration.ofSeconds(10));                                     // per hook; default 30 s

        TestClient client = TestClient.of(app);
        client.withLifespan(() -> {                                  // startup, the block, then shutdown
            assertEquals("hit 1", client.get("/").send().text());
            assertEquals("hit 2", client.get("/").send().text());
        });
        assertEquals(List.of("cache warm", "cache dropped", "served 2"), events); // shutdown in reverse
        // --- README example ends
    }
}
