package org.pagi.examples.lifespanutils;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/** Example 14 through the in-process test client. */
class LifespanUtilsTest extends LifespanUtilsChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void answersTheLifespanProtocolThoughTheInnerAppDoesNot() {
        try (LifespanSession lifespan = TestClient.of(new App(message -> { })).lifespan()) {
            lifespan.startup();
            assertTrue(lifespan.supported());
        }
    }

    @Test
    void refusesWebSocketScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).websocket("/ws").connect());
    }
}
