package org.pagi.examples.hellohttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.Headers;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.testing.LifespanSession;
import org.pagi.testing.TestClient;

/** Example 01 through the in-process test client, plus what only an in-process test can see. */
class HelloHttpTest extends HelloHttpChecks {

    @Override
    protected ExampleClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void sendsOneStartAndOneFinalBody() {
        Recorder recorder = new Recorder(new App());
        TestClient.of(recorder).get("/").send();
        assertEquals(List.of(new HttpResponseStart(200, Headers.of("content-type", "text/plain")),
                HttpResponseBody.last(App.GREETING)), recorder.sent());
    }

    @Test
    void declinesLifespanSoTheServerCarriesOnWithoutIt() {
        LifespanSession lifespan = TestClient.of(new App()).lifespan();
        lifespan.startup();
        assertFalse(lifespan.supported());
        assertInstanceOf(UnsupportedScopeException.class, lifespan.declineCause().orElseThrow());
    }

    @Test
    void refusesWebSocketScopes() {
        assertThrows(UnsupportedScopeException.class, () -> TestClient.of(new App()).websocket("/ws").connect());
    }
}
