package org.pagi.examples.endpointdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** The endpoint-demo through the in-process test client, plus the events only an in-process test sees. */
class EndpointDemoTest extends EndpointDemoChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theEchoAsksTheServerToPingEvery25Seconds() {
        try (WebSocketSession ws = TestClient.of(new App()).websocket("/ws/echo").connect()) {
            ws.receiveText();
            assertEquals(Optional.of(new WebSocketKeepalive(Duration.ofSeconds(25), Optional.empty())),
                    ws.keepalive());
        }
    }

    @Test
    void textThatIsNotJsonClosesTheEchoWith1007AndOthersGoOn() {
        TestClient client = TestClient.of(new App());
        try (WebSocketSession bad = client.websocket("/ws/echo").connect();
                WebSocketSession good = client.websocket("/ws/echo").connect()) {
            bad.receiveText();
            bad.sendText("not json");
            bad.expectClose(1007);
            good.receiveText();
            good.sendText("[1,2]");
            assertEquals(List.of(1, 2), good.receiveJson(java.util.Map.class).get("original"));
        }
    }

    @Test
    void theStreamAsksForAKeepaliveEvery25Seconds() {
        Recorder recorder = new Recorder(new App());
        try (SseStream stream = TestClient.of(recorder).sse("/events").open()) {
            assertEquals("connected", stream.next().event());
            // The keepalive request follows the first event: wait for it while the stream is still open.
            SseKeepalive keepalive = recorder.awaitFirst(SseKeepalive.class, Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no sse.keepalive sent after the first event"));
            assertEquals(Duration.ofSeconds(25), keepalive.interval());
        }
    }
}
