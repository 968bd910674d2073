package org.pagi.wrappers.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.SseScope;
import org.pagi.testing.SseMessage;
import org.pagi.testing.SseStream;
import org.pagi.testing.TestClient;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.response.Response;

/** The two examples of the SSE section of wrappers/README.md: checked to be in the README, then run. */
@Timeout(20)
class SseReadmeExampleTest {

    private final List<DisconnectReason> left = new CopyOnWriteArrayList<>();

    private void log(DisconnectReason reason) {
        left.add(reason);
    }

    @Test
    void asyncMode() throws IOException {
        // --- README example starts
        ReplayBuffer prices = new ReplayBuffer(100);                   // the last 100 events, for reconnections

        Application feed = (scope, receive, send) -> {
            Sse sse = Sse.of((SseScope) scope, receive, send);
            if (sse.queryParam("symbol").isEmpty()) {
                return sse.decline(Response.text("symbol required").withStatus(400));
            }
            return sse.keepalive(Duration.ofSeconds(15))               // starts the stream (200)
                    .thenCompose(v -> prices.attach(sse))              // replay after Last-Event-ID, then live
                    .thenCompose(v -> sse.disconnected())              // noticed even while idle
                    .thenAccept(reason -> log(reason));
        };
        // elsewhere, from any thread:
        prices.publish(ServerEvent.named("price", "41.9").withId("1"));
        // --- README example ends
        assertInReadme("asyncMode");
        prices.publish(ServerEvent.named("price", "42.1").withId("2"));

        TestClient client = TestClient.of(feed);
        try (SseStream declined = client.sse("/prices").open()) {
            assertEquals(400, declined.status());
        }
        SseStream stream = client.sse("/prices").query("symbol", "ACME").lastEventId("1").open();
        assertEquals(SseMessage.of("price", "42.1").withId("2"), stream.next());
        prices.publish(ServerEvent.named("price", "42.3").withId("3"));
        assertEquals(SseMessage.of("price", "42.3").withId("3"), stream.next());
        stream.disconnect();
        assertEquals(List.of(DisconnectReason.CLIENT_CLOSED), left);
    }

    @Test
    void blockingMode() throws IOException {
        // --- README example starts
        Application clock = Blocking.app((scope, receive, send) -> {
            BlockingSse sse = Sse.of((SseScope) scope, receive, send).blocking();
            sse.start();
            sse.every(Duration.ofMillis(200), () -> sse.send(ServerEvent.named("tick", Instant.now().toString())));
            log(sse.disconnected());           // parks this virtual thread; the ticks stop by themselves
        });
        // --- README example ends
        assertInReadme("blockingMode");
        SseStream stream = TestClient.of(clock).sse("/clock").open();
        assertEquals(List.of("tick", "tick"), stream.take(2).stream().map(SseMessage::event).toList());
        stream.disconnect();
        assertEquals(List.of(DisconnectReason.CLIENT_CLOSED), left);
    }

    /** The example between the markers of {@code method} appears in the README, indentation aside. */
    private static void assertInReadme(String method) throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/pagi/wrappers/sse/SseReadmeExampleTest.java"));
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
