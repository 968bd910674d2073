package org.pagi.examples.websocketechov2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** websocket-echo-v2 through the in-process test client, plus the exact events and the scopes it refuses. */
class WebSocketEchoV2Test extends WebSocketEchoV2Checks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void acceptsThenSendsOneTextMessagePerTextMessageAndNothingForBytes() {
        Recorder recorder = new Recorder(new App());
        try (WebSocketSession ws = TestClient.of(recorder).websocket("/").connect()) {
            ws.sendBytes(Bytes.of(new byte[] {1}));
            ws.sendText("a");
            assertEquals("echo: a", ws.receiveText());
        }
        assertEquals(List.of(new WebSocketAccept(), WebSocketSend.text("echo: a")), recorder.sent());
    }

    @Test
    void refusesHttpAndSseScopesAndDeclinesLifespan() {
        TestClient client = TestClient.of(new App());
        assertThrows(UnsupportedScopeException.class, () -> client.get("/").send());
        assertThrows(UnsupportedScopeException.class, () -> client.sse("/").open());
        LifespanSession lifespan = client.lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
    }
}
