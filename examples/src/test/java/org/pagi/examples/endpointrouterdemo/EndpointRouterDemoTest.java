package org.pagi.examples.endpointrouterdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** The endpoint-router-demo through the in-process test client, plus what only an in-process test sees. */
class EndpointRouterDemoTest extends EndpointRouterDemoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theEchoAsksForPingsEvery25SecondsSkipsBinaryAndClosesOnTextThatIsNotJson() {
        try (InProcessClient client = InProcessClient.start(new App(TICK))) {
            TestClient test = client.testClient();
            try (WebSocketSession ws = test.websocket("/ws/echo").connect()) {
                ws.receiveText();
                assertEquals(Optional.of(new WebSocketKeepalive(Duration.ofSeconds(25), Optional.empty())),
                        ws.keepalive());
                ws.sendBytes(Bytes.utf8("{}"));
                ws.sendText("not json");
                ws.expectClose(Main.NOT_JSON);
            }
        }
    }

    @Test
    void theIntervalMustBeMoreThanZero() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new App(Duration.ZERO));
        assertEquals("metricsInterval must be more than zero, got PT0S", refused.getMessage());
        assertEquals(Duration.ofSeconds(2), App.DEFAULT_INTERVAL);
    }

    @Test
    void theHomePageEscapesWhatItRenders() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", Main.escapeHtml("<b> & \"x\""));
    }
}
