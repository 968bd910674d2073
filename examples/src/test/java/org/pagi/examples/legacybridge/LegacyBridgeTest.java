package org.pagi.examples.legacybridge;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;

/** Example 09 through the in-process test client. */
class LegacyBridgeTest extends LegacyBridgeChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void refusesWebSocketScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).websocket("/ws").connect());
    }
}
