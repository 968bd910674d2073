package org.pagi.examples.chatshowcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pagi.examples.support.ExampleSessionClient;
import org.pagi.examples.support.InProcessClient;
import org.pagi.examples.support.Recorder;
import org.pagi.spec.Application;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

/** The chat showcase through the in-process test client, plus what only an in-process test can see. */
class ChatShowcaseTest extends ChatShowcaseChecks {

    @Override
    protected ExampleSessionClient start(Application app) {
        return InProcessClient.start(app);
    }

    @Test
    void theRawHandlerAcceptsThenSendsTextMessagesOnly() {
        Recorder recorder = new Recorder(new App(QUIET));
        try (WebSocketSession ws = TestClient.of(recorder).websocket("/ws/chat?name=ann").connect()) {
            ws.receiveText();
            ws.receiveText();
        }
        List<?> sent = recorder.sent();
        assertEquals(new WebSocketAccept(), sent.get(0));
        assertEquals(3, sent.size(), "accept, connected, joined: " + sent);
        assertInstanceOf(WebSocketSend.class, sent.get(1));
    }

    @Test
    void theOptionsRefuseATimingThatIsNotPositiveNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChatOptions.defaults().withPresenceGrace(Duration.ZERO));
        assertEquals("presenceGrace must be more than zero, got PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatOptions.defaults().withStatsInterval(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> ChatOptions.defaults().withPingInterval(null));
        assertEquals(new ChatOptions(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(25)),
                ChatOptions.defaults(), "upstream's timings");
    }

    @Test
    void startsWithTheThreeDefaultRoomsAndNobodyOnline() {
        Map<String, Object> stats = new App().stats();
        assertEquals(List.of(0, 3, 0, 0), List.of(stats.get("users_online"), stats.get("rooms_count"),
                stats.get("messages_total"), stats.get("sse_subscribers")));
    }
}
