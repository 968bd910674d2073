package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;
import org.pagi.wrappers.routing.Router;

/** The example of the real-time apps' section of wrappers/README.md: checked to be in the README, then run. */
@Timeout(20)
class ChannelReadmeExampleTest {

    @Test
    void oneChannelForEveryApp() throws IOException {
        // --- README example starts
        InMemoryChannel channel = InMemoryChannel.create();            // or, later, a store shared by processes
        WebSocketBroadcast news = WebSocketBroadcast.builder().channel(channel).topic("news").build();
        SsePubsub newsFeed = SsePubsub.builder().channel(channel).topic("news")
                .history(100).keepalive(Duration.ofSeconds(15)).build();
        Router app = Router.builder()
                .websocket("/echo", WebSocketEcho.create())
                .websocket("/news", news)                              // what a client sends, all clients get
                .sse("/news/events", newsFeed)                         // ... and every EventSource too
                .websocket("/chat", WebSocketChat.builder().channel(channel).build())
                .build();
        // from anywhere, for both kinds of client:
        news.publish("server restarting in 5 minutes");
        // --- README example ends
        assertInReadme("oneChannelForEveryApp");

        TestClient client = TestClient.of(app);
        String lastSeen = newsFeed.events().getLast().id().orElseThrow();
        try (WebSocketSession reader = client.websocket("/news").connect();
                WebSocketSession writer = client.websocket("/news").connect();
                SseStream feed = client.sse("/news/events").lastEventId(lastSeen).open()) {
            writer.sendText("breaking");
            assertEquals("breaking", reader.receiveText());
            SseMessage event = feed.next();
            assertEquals("breaking", event.data());
            assertTrue(event.id().isPresent());
            assertEquals(Optional.of(event.id().get()), newsFeed.events().getLast().id());
        }
        try (WebSocketSession echo = client.websocket("/echo").connect();
                WebSocketSession chat = client.websocket("/chat").connect()) {
            echo.sendText("ping");
            assertEquals("ping", echo.receiveText());
            assertEquals("welcome", chat.receiveJson().get("type").asText());
        }
    }

    /** The example between the markers of {@code method} appears in the README, indentation aside. */
    private static void assertInReadme(String method) throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/pagi/wrappers/apps/ChannelReadmeExampleTest.java"));
        String body = source.substring(source.indexOf("void " + method));
        String example = body.substring(body.indexOf("// --- README example starts") + 28,
                body.indexOf("        // --- README example ends"));
        String readme = strip(Files.readString(Path.of("README.md")));
        assertTrue(readme.contains(strip(example)), "README.md lacks the " + method + " example");
    }

    private static String strip(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
