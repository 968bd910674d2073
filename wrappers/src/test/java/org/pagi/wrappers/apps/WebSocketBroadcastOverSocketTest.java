package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.spec.event.WebSocketMessage;

/**
 * The broadcast app on the real server: a client that stops reading fills its queue and is dropped with 1008,
 * while two clients that read go on receiving every message, in order, at their own pace.
 */
@Timeout(120)
class WebSocketBroadcastOverSocketTest {
    private static final String PADDING = "x".repeat(8 * 1024);
    private static final int MAX_MESSAGES = 4000;

    /** A reading client: a virtual thread takes every message off the socket into a queue. */
    private record Reader(ChannelAppsSocketClient ws, BlockingQueue<String> texts, Thread thread) {
        static Reader start(int port) throws Exception {
            ChannelAppsSocketClient ws = ChannelAppsSocketClient.open(port, "/", 0);
            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        texts.add(ws.nextText());
                    }
                } catch (Exception e) {
                    texts.add("ended: " + e.getMessage());
                }
            });
            return new Reader(ws, texts, t);
        }

        String next() throws InterruptedException {
            String s = texts.poll(10, TimeUnit.SECONDS);
            assertTrue(s != null, "a reading client got nothing within 10 s");
            return s;
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWith1008WhileTheOthersReceiveEverything() throws Exception {
        WebSocketBroadcast app = WebSocketBroadcast.builder().maxQueuedMessages(8).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).accessLog(false)
                .shutdownGrace(Duration.ofSeconds(2)).build();
        try (PagiServer server = PagiServer.start(app, config);
                ChannelAppsSocketClient slow = ChannelAppsSocketClient.open(server.port(), "/", 4096)) {
            Reader one = Reader.start(server.port());
            Reader two = Reader.start(server.port());
            try {
                assertEquals(3, app.clientCount());
                // Publish at the pace of the readers; the slow client never reads, so its socket, the server's
                // buffers and then its queue fill up, and it is dropped.
                int published = 0;
                int droppedAt = -1;
                while (published < MAX_MESSAGES && (droppedAt < 0 || published < droppedAt + 20)) {
                    CompletableFuture<ChannelMessage> sent = app.publish(published + ":" + PADDING)
                            .toCompletableFuture();
                    assertTrue(sent.isDone(), "a publish never waits for a client");
                    for (Reader r : List.of(one, two)) {
                        assertEquals(published + ":" + PADDING, r.next(), "a reader missed or reordered a message");
                    }
                    published++;
                    if (droppedAt < 0 && app.clientCount() == 2) {
                        droppedAt = published;
                    }
                }
                assertTrue(droppedAt > 0, "the slow client was not dropped after " + published + " messages");

                int received = 0;
                WsEvent e;
                while ((e = slow.next()) instanceof WsEvent.Message m) {
                    assertEquals(received + ":" + PADDING, ((WebSocketMessage.Text) m.message()).text());
                    received++;
                }
                assertEquals(new WsEvent.Close(1008, "too slow: send queue full"), e);
                assertTrue(received < droppedAt, "the slow client got " + received + " messages before its close,"
                        + " the readers " + published);
                System.out.printf("slow client: %d messages of 8 KiB reached it before the drop at message %d;"
                        + " the readers got all %d%n", received, droppedAt, published);
            } finally {
                one.ws().close();
                two.ws().close();
                one.thread().join(10_000);
                two.thread().join(10_000);
            }
        }
    }
}
