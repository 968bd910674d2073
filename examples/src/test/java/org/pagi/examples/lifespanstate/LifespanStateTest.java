package org.pagi.examples.lifespanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/** Example 06 through the in-process test client, plus what only an in-process test can see. */
class LifespanStateTest extends LifespanStateChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void storesTheGreetingInTheLifespanStateAtStartup() {
        TestClient client = TestClient.of(new App());
        try (LifespanSession lifespan = client.lifespan()) {
            lifespan.startup();
            assertTrue(lifespan.supported());
            assertEquals(Optional.of("Hello from lifespan"), client.state().get(App.GREETING_KEY, String.class));
            lifespan.shutdown(); // fails the test unless it answers lifespan.shutdown.complete and returns
        }
    }

    @Test
    void fallsBackToHelloWhenNoLifespanRan() {
        assertEquals("Hello via shared state", TestClient.of(new App()).get("/").send().text());
    }

    @Test
    void refusesSseScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).sse("/events").open());
    }
}
