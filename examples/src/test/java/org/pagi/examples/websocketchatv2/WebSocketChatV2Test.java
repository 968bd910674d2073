package org.pagi.examples.websocketchatv2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** websocket-chat-v2 through the in-process test client, plus a comparison with the raw handler's events. */
class WebSocketChatV2Test extends WebSocketChatV2Checks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    /** The event types and message types an application sends for one scripted session. */
    private static List<String> script(Application app) {
        Recorder recorder = new Recorder(app);
        try (WebSocketSession ws = TestClient.of(recorder).websocket("/ws/chat?name=ann").connect()) {
            ws.receiveText(); // connected
            ws.receiveText(); // joined
            ws.sendText("{\"type\":\"message\",\"room\":\"general\",\"text\":\"/help\"}");
            ws.receiveText();
            ws.sendText("{\"type\":\"ping\",\"ts\":7}");
            assertEquals("{\"type\":\"pong\",\"ts\":7}", ws.receiveText());
        }
        return recorder.sent().stream().map(WebSocketChatV2Test::describe).toList();
    }

    private static String describe(Event event) {
        return event instanceof WebSocketSend(org.pagi.spec.event.WebSocketMessage.Text(String text))
                ? event.type() + " " + text.substring(0, text.indexOf(',') > 0 ? text.indexOf(',') : text.length())
                : event.type();
    }

    @Test
    void theWrappersHandlerSendsWhatTheRawOneSends() {
        List<String> v2 = script(new App(QUIET));
        assertEquals(script(new org.pagi.examples.chatshowcase.App(QUIET)), v2);
        assertEquals(List.of("websocket.accept", "websocket.send {\"type\":\"connected\"",
                "websocket.send {\"type\":\"joined\"", "websocket.send {\"type\":\"system\"",
                "websocket.send {\"type\":\"pong\""), v2);
    }
}
