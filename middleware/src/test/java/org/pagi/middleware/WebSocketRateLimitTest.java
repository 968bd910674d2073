package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketSession;

@Timeout(30)
class WebSocketRateLimitTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** What the echo application received, in order: each message's text, then how the connection ended. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** Accepts, echoes every message as {@code echo <n>} (text length for binary) until the disconnect. */
    private final Application echo = (scope, receive, send) -> receive.receive()
            .thenCompose(connect -> send.send(new WebSocketAccept()))
            .thenCompose(v -> loop(receive, send));

    private CompletionStage<Void> loop(Receive receive, Send send) {
        return receive.receive().thenCompose(event -> {
            if (event instanceof WebSocketReceive message) {
                String text = message.text().orElseGet(() -> "bytes:" + message.bytes().orElseThrow().length());
                seen.add(text);
                return send.send(WebSocketSend.text("echo " + text)).thenCompose(v -> loop(receive, send));
            }
            if (event instanceof WebSocketDisconnect d) {
                seen.add("disconnect " + d.code());
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void messagesOverTheBurstCloseWith1008AndTheAppSeesTheDisconnect() {
        Application app = WebSocketRateLimit.builder().messagesPerSecond(2).clock(clock).build().wrap(echo);
        WebSocketSession ws = TestClient.of(app).websocket("/chat").connect();
        for (int i = 0; i < 4; i++) {
            ws.sendText("m" + i);
            assertEquals("echo m" + i, ws.receiveText());
        }
        ws.sendText("too many");
        WebSocketClose close = ws.expectClose(1008);
        assertEquals("Rate limit exceeded", close.reason());
        assertEquals(List.of("m0", "m1", "m2", "m3", "disconnect 1008"), seen, "the excess message never arrived");
    }

    @Test
    void tokensComeBackAtTheRate() {
        Application app = WebSocketRateLimit.builder().messagesPerSecond(2).burstMultiplier(1).clock(clock).build()
                .wrap(echo);
        WebSocketSession ws = TestClient.of(app).websocket("/chat").connect();
        for (int round = 0; round < 5; round++) {
            ws.sendText("a" + round);
            assertEquals("echo a" + round, ws.receiveText());
            ws.sendText("b" + round);
            assertEquals("echo b" + round, ws.receiveText());
            clock.advance(Duration.ofSeconds(1));
        }
        ws.sendText("c");
        assertEquals("echo c", ws.receiveText());
        ws.sendText("d");
        ws.sendText("e");
        assertEquals("echo d", ws.receiveText());
        ws.expectClose(1008);
    }

    @Test
    void bytesOverTheBurstCloseTooAndTextIsCountedAsUtf8() {
        Application app = WebSocketRateLimit.builder().bytesPerSecond(5).clock(clock).build().wrap(echo);
        WebSocketSession ws = TestClient.of(app).websocket("/chat").connect();
        ws.sendBytes(Bytes.of(new byte[6]));
        assertEquals("echo bytes:6", ws.receiveText());
        ws.sendText("é".repeat(2)); // 4 UTF-8 bytes: 10 in all, the whole burst
        assertEquals("echo éé", ws.receiveText());
        ws.sendText("x");
        ws.expectClose(1008);
    }

    @Test
    void dropExcessDropsTheMessageAndKeepsTheConnectionWithACustomCloseForTheRest() {
        Application app = WebSocketRateLimit.builder().messagesPerSecond(1).burstMultiplier(1).dropExcess(true)
                .clock(clock).build().wrap(echo);
        WebSocketSession ws = TestClient.of(app).websocket("/chat").connect();
        ws.sendText("one");
        assertEquals("echo one", ws.receiveText());
        ws.sendText("dropped");
        clock.advance(Duration.ofSeconds(1));
        ws.sendText("two");
        assertEquals("echo two", ws.receiveText(), "the dropped message never reached the app");
        ws.close();
        assertEquals(List.of("one", "two", "disconnect 1000"), seen);

        Application custom = WebSocketRateLimit.builder().messagesPerSecond(1).burstMultiplier(1).closeCode(4429)
                .closeReason("slow down").clock(clock).build().wrap(echo);
        WebSocketSession other = TestClient.of(custom).websocket("/chat").connect();
        other.sendText("1");
        assertEquals("echo 1", other.receiveText());
        other.sendText("2");
        assertEquals("slow down", other.expectClose(4429).reason());
    }

    @Test
    void eachConnectionHasItsOwnBuckets() {
        Application app = WebSocketRateLimit.builder().messagesPerSecond(1).burstMultiplier(1).clock(clock).build()
                .wrap(echo);
        TestClient client = TestClient.of(app);
        WebSocketSession first = client.websocket("/chat").connect();
        WebSocketSession second = client.websocket("/chat").connect();
        first.sendText("a");
        assertEquals("echo a", first.receiveText());
        second.sendText("b");
        assertEquals("echo b", second.receiveText());
        first.sendText("c");
        first.expectClose(1008);
    }

    @Test
    void defaultsAndBadConfiguration() {
        WebSocketRateLimit.Config d = WebSocketRateLimit.builder().build().config();
        assertEquals(100, d.messagesPerSecond());
        assertEquals(1_048_576, d.bytesPerSecond());
        assertEquals(2, d.burstMultiplier());
        assertEquals(1008, d.closeCode());
        assertEquals("Rate limit exceeded", d.closeReason());
        assertMessage("messagesPerSecond", () -> WebSocketRateLimit.builder().messagesPerSecond(0).build());
        assertMessage("bytesPerSecond", () -> WebSocketRateLimit.builder().bytesPerSecond(-1).build());
        assertMessage("burstMultiplier", () -> WebSocketRateLimit.builder().burstMultiplier(0.5).build());
        assertMessage("burstMultiplier", () -> WebSocketRateLimit.builder().messagesPerSecond(0.2).build());
        assertMessage("closeCode", () -> WebSocketRateLimit.builder().closeCode(1000).build());
        assertMessage("closeReason", () -> WebSocketRateLimit.builder().closeReason("x".repeat(124)).build());
    }

    private static void assertMessage(String option, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(option + ":"), e.getMessage());
    }

    @Test
    void httpSseAndLifespanPassThroughUntouched() {
        PassThrough.untouched(WebSocketRateLimit.builder().messagesPerSecond(1).burstMultiplier(1).build(),
                PassThrough.Kind.HTTP, PassThrough.Kind.SSE, PassThrough.Kind.LIFESPAN);
    }

}
