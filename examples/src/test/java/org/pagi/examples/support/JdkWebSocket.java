package org.pagi.examples.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * {@link ExampleWebSocket} over the JDK's {@code java.net.http.WebSocket}: a client written independently of the
 * server's codec, so a bug shared by both ends cannot hide. Messages arrive in parts (the client splits large
 * frames and decodes text as it goes); the listener joins the parts of each message and queues it whole. The
 * client answers pings by itself, and offers no extension, so the server never compresses.
 *
 * <p>Leaving: {@link #close(int, String)} sends a Close frame and waits for the server's; {@link #disconnect()}
 * aborts, which closes the TCP connection at once with no Close frame. Either way nothing more can be read.
 *
 * <p>Every wait is bounded by {@link JdkHttpClientWire#TIMEOUT}. Used from one test thread; the listener runs on
 * the client's threads and hands messages over through a queue.
 */
final class JdkWebSocket implements ExampleWebSocket {
    private static final Duration TIMEOUT = JdkHttpClientWire.TIMEOUT;

    /** What the server did to end the WebSocket: its Close frame, or a failure of the connection. */
    private record Ended(String how) {
    }

    private final WebSocket ws;
    private final BlockingQueue<Object> inbox;
    private final CompletableFuture<Ended> ended;
    private boolean left;

    private JdkWebSocket(WebSocket ws, BlockingQueue<Object> inbox, CompletableFuture<Ended> ended) {
        this.ws = ws;
        this.inbox = inbox;
        this.ended = ended;
    }

    /**
     * Opens a WebSocket to {@code uri}, offering {@code subprotocols}, and waits for the handshake.
     *
     * @throws AssertionError if the server refuses the upgrade or does not answer in time
     */
    static JdkWebSocket open(HttpClient client, URI uri, List<String> subprotocols) {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            WebSocket ws = builder.buildAsync(uri, new Collector(inbox, ended))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new JdkWebSocket(ws, inbox, ended);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new AssertionError("the server refused the WebSocket handshake with "
                        + refused.getResponse().statusCode(), refused);
            }
            throw new AssertionError("the WebSocket handshake failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PagiTestTimeoutException("no answer to the WebSocket handshake within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during the WebSocket handshake", e);
        }
    }

    @Override
    public Optional<String> subprotocol() {
        // The JDK reports "no subprotocol" as the empty string, which is not a legal token.
        return Optional.of(ws.getSubprotocol()).filter(p -> !p.isEmpty());
    }

    @Override
    public void sendText(String text) {
        await(ws.sendText(text, true), "sending a text message");
    }

    @Override
    public void sendBytes(Bytes bytes) {
        await(ws.sendBinary(ByteBuffer.wrap(bytes.toByteArray()), true), "sending a binary message");
    }

    @Override
    public WebSocketMessage receive() {
        Object next;
        try {
            next = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a message", e);
        }
        return switch (next) {
            case null -> throw new PagiTestTimeoutException("no message from the server within " + TIMEOUT);
            case WebSocketMessage message -> message;
            case Ended end -> {
                inbox.add(end); // every later receive fails the same way
                throw new AssertionError("expected a message, but " + end.how());
            }
            default -> throw new IllegalStateException("unexpected item in the inbox: " + next);
        };
    }

    @Override
    public void close(int code, String reason) {
        if (left) {
            return;
        }
        left = true;
        if (!ended.isDone()) {
            await(ws.sendClose(code, reason), "sending the Close frame");
        }
        try {
            ended.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ws.abort();
            throw new PagiTestTimeoutException("no Close frame from the server within " + TIMEOUT
                    + " of the client's");
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ws.abort();
            throw new AssertionError("interrupted while waiting for the server's Close frame", e);
        }
    }

    @Override
    public void disconnect() {
        if (left) {
            return;
        }
        left = true;
        ws.abort(); // closes the TCP connection at once: the server reads the end of the stream, no Close frame
    }

    private static void await(CompletableFuture<WebSocket> sending, String what) {
        try {
            sending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PagiTestTimeoutException(what + " took more than " + TIMEOUT);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + what, e);
        }
    }

    /**
     * Joins the parts of each message and queues it whole; queues how the WebSocket ended, once. The JDK calls it
     * for one event at a time, so the part buffers need no lock.
     */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Object> inbox;
        private final CompletableFuture<Ended> ended;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Collector(BlockingQueue<Object> inbox, CompletableFuture<Ended> ended) {
            this.inbox = inbox;
            this.ended = ended;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
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
            // Returning lets the client answer with a Close frame of its own, if it has not sent one yet.
            end(new Ended("the server closed the WebSocket with " + statusCode
                    + (reason.isEmpty() ? "" : " (" + reason + ")")));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end(new Ended("the connection failed: " + error));
        }

        private void end(Ended end) {
            if (ended.complete(end)) {
                inbox.add(end);
            }
        }
    }
}
