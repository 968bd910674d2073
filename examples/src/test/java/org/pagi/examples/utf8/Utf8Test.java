package org.pagi.examples.utf8;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;

/** Example 12 through the in-process test client. */
class Utf8Test extends Utf8Checks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void refusesWebSocketScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).websocket("/ws").connect());
    }
}
