package org.pagi.wrappers.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.testing.WebSocketSession;

@Timeout(20)
class WebSocketBroadcastTest {

    @Test
    void aClientsMessageReachesEveryOtherClientButNotItself() {
        WebSocketBroadcast app = WebSocketBroadcast.create();
        TestClient client = TestClient.of(app);
        try (WebSocketSession a = client.websocket("/").connect();
                WebSocketSession b = client.websocket("/").connect();
                WebSocketSession c = client.websocket("/").connect()) {
            assertEquals(3, app.clientCount(), "subscribed by the time the handshake completed");
            a.sendText("hi from a");
            assertEquals("hi from a", b.receiveText());
            assertEquals("hi from a", c.receiveText());
            b.sendBytes(Bytes.of(new byte[] {7, 8}));
            assertEquals(Bytes.of(new byte[] {7, 8}), a.receiveBytes(), "binary stays binary");
            assertEquals(Bytes.of(new byte[] {7, 8}), c.receiveBytes());
            app.publish("from the server").toCompletableFuture().join();
            assertEquals("from the server", a.receiveText(), "a's next message: its own never came");
            assertEquals("from the server", b.receiveText(), "b's next message: its own never came");
            assertEquals("from the server", c.receiveText());
        }
        assertEquals(0, app.clientCount());
    }

    @Test
    void withEchoSelfTheSenderReceivesItsOwnMessage() {
        TestClient client = TestClient.of(WebSocketBroadcast.builder().echoSelf(true).build());
        try (WebSocketSession a = client.websocket("/").connect()) {
            a.sendText("me too");
            assertEquals("me too", a.receiveText());
        }
    }

    @Test
    void appsSharingAChannelAndATopicReachEachOthersClients() {
        InMemoryChannel channel = InMemoryChannel.create();
        WebSocketBroadcast one = WebSocketBroadcast.builder().channel(channel).topic("news").build();
        WebSocketBroadcast two = WebSocketBroadcast.builder().channel(channel).topic("news").build();
        WebSocketBroadcast elsewhere = WebSocketBroadcast.builder().channel(channel).topic("sport").build();
        try (WebSocketSession a = TestClient.of(one).websocket("/").connect();
                WebSocketSession b = TestClient.of(two).websocket("/").connect();
                WebSocketSession c = TestClient.of(elsewhere).websocket("/").connect()) {
            a.sendText("headline");
            assertEquals("headline", b.receiveText());
            elsewhere.publish("goal").toCompletableFuture().join();
            assertEquals("goal", c.receiveText(), "c got nothing from the other topic first");
        }
    }

    @Test
    void aMessageOverTheLimitClosesItsSenderWith1009AndTheOthersStay() {
        WebSocketBroadcast app = WebSocketBroadcast.builder().maxMessageSize(4).build();
        TestClient client = TestClient.of(app);
        try (WebSocketSession a = client.websocket("/").connect();
                WebSocketSession b = client.websocket("/").connect()) {
            a.sendText("12345");
            a.expectClose(1009);
            app.publish("after").toCompletableFuture().join();
            assertEquals("after", b.receiveText(), "b is still served, and the oversized message never came");
        }
        assertEquals(0, app.clientCount());
    }

    @Test
    void aChannelThatRefusesTheSubscriptionRefusesTheHandshakeAndAFailureLaterCloses1011() {
        Channel refusing = new Channel() {
            @Override
            public CompletionStage<ChannelMessage> publish(String topic, ChannelPayload payload) {
                return CompletableFuture.failedFuture(new ChannelException("store down"));
            }

            @Override
            public CompletionStage<ChannelSubscription> subscribe(String topic, ChannelListener listener) {
                return CompletableFuture.failedFuture(new ChannelException("store down"));
            }
        };
        WebSocketHandshake answer = TestClient.of(WebSocketBroadcast.builder().channel(refusing).build())
                .websocket("/").tryConnect();
        WebSocketHandshake.Denied denied = assertInstanceOf(WebSocketHandshake.Denied.class, answer);
        assertEquals(503, denied.status(), "refused through the denial extension");
        assertEquals("the message channel is unavailable\n", denied.body().utf8());

        InMemoryChannel channel = InMemoryChannel.create();
        WebSocketBroadcast app = WebSocketBroadcast.builder().channel(channel).build();
        WebSocketSession a = TestClient.of(app).websocket("/").connect();
        channel.close();
        assertEquals("channel failed", a.expectClose(1011).reason());
        a.close();
        assertEquals(0, app.clientCount());
    }

    @Test
    void withKeepaliveTheServerPingsAndDropsAPeerThatStaysSilentAsLong() {
        TestClient client = TestClient.of(WebSocketBroadcast.builder().echoSelf(true)
                .keepalive(Duration.ofSeconds(20)).build());
        try (WebSocketSession a = client.websocket("/").connect()) {
            a.sendText("x");
            assertEquals("x", a.receiveText());
            assertEquals(new WebSocketKeepalive(Duration.ofSeconds(20), Optional.of(Duration.ofSeconds(20))),
                    a.keepalive().orElseThrow());
        }
        try (WebSocketSession a = TestClient.of(WebSocketBroadcast.builder().echoSelf(true).build())
                .websocket("/").connect()) {
            a.sendText("x");
            a.receiveText();
            assertEquals(Optional.empty(), a.keepalive(), "off unless set");
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebSocketBroadcast.builder().topic(""))
                .getMessage().startsWith("topic: "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebSocketBroadcast.builder().maxQueuedMessages(0)).getMessage().startsWith("maxQueuedMessages"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebSocketBroadcast.builder().maxQueuedBytes(0)).getMessage().startsWith("maxQueuedBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebSocketBroadcast.builder().maxMessageSize(-1)).getMessage().startsWith("maxMessageSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebSocketBroadcast.builder().keepalive(Duration.ofMillis(-1))).getMessage().startsWith("keepalive"));
    }
}
