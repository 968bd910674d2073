package org.pagi.compliance;

import static org.pagi.compliance.ConformanceAppLiveTest.TIMEOUT;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * A WebSocket opened with the JDK's {@code java.net.http.WebSocket}, a client written independently of the
 * server's codec: the listener joins the parts of each message (the client splits large frames) and queues it
 * whole, as a {@link WebSocketMessage}, so a check compares what it sent with what came back by value. The client
 * answers pings itself and offers no extension. Every wait is bounded by
 * {@link ConformanceAppLiveTest#TIMEOUT}.
 *
 * <p>Used from one test thread; the listener runs on the client's threads and hands messages over through a queue.
 */
final class JdkWebSocketPeer implements AutoCloseable {
    private final WebSocket ws;
    private final BlockingQueue<Object> inbox;

    private JdkWebSocketPeer(WebSocket ws, BlockingQueue<Object> inbox) {
        this.ws = ws;
        this.inbox = inbox;
    }

    /** Opens a WebSocket to {@code uri}, offering {@code subprotocols}, and waits for the handshake. */
    static JdkWebSocketPeer open(HttpClient client, URI uri, List<String> subprotocols) throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        WebSocket ws = builder.buildAsync(uri, new Collector(inbox)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new JdkWebSocketPeer(ws, inbox);
    }

    /** @return the subprotocol the server chose; empty when it chose none (the JDK says "") */
    Optional<String> subprotocol() {
        return Optional.of(ws.getSubprotocol()).filter(p -> !p.isEmpty());
    }

    /** Sends {@code message} as one message of its own type, and waits until the client has written it. */
    void send(WebSocketMessage message) throws Exception {
        CompletableFuture<WebSocket> sending = switch (message) {
            case WebSocketMessage.Text t -> ws.sendText(t.text(), true);
            case WebSocketMessage.Binary b -> ws.sendBinary(ByteBuffer.wrap(b.bytes().toByteArray()), true);
        };
        sending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the next message; fails if the server closes instead or nothing comes in time */
    WebSocketMessage receive() throws InterruptedException {
        Object next = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return switch (next) {
            case null -> throw new AssertionError("no message from the server within " + TIMEOUT);
            case WebSocketMessage message -> message;
            default -> throw new AssertionError("expected a message, got " + next);
        };
    }

    /** Drops the connection at once, if it is still open. */
    @Override
    public void close() {
        ws.abort();
    }

    /** Joins message parts; the JDK calls it for one event at a time, so the buffers need no lock. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Object> inbox;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Collector(BlockingQueue<Object> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data); // copied now: the client may reuse the buffer once this returns
            if (last) {
                inbox.add(WebSocketMessage.text(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                inbox.add(WebSocketMessage.bytes(Bytes.of(binary.toByteArray())));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            inbox.add("the server's Close frame " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add("a failure: " + error);
        }
    }
}
