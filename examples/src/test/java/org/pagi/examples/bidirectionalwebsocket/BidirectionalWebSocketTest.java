package org.pagi.examples.bidirectionalwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;

/** The bidirectional-websocket example through the in-process test client. */
class BidirectionalWebSocketTest extends BidirectionalWebSocketChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void refusesPlainHttp() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).get("/").send());
    }

    @Test
    void refusesAZeroIntervalByName() {
        assertEquals("interval must be more than zero, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> new App(Duration.ZERO)).getMessage());
    }
}
