package org.pagi.jmh.load;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The publisher of {@link BroadcastLoad}: a WebSocket client of one instance's broadcast app, which publishes every
 * message it sends on the channel (the app does not echo a sender's own messages, so it receives nothing). It
 * sends from the load program's main thread, one message at a time (the JDK's WebSocket allows one send in
 * progress), either at a fixed rate or as fast as a window of messages not yet delivered everywhere allows.
 *
 * <p>The send time a message carries is taken just before it is handed to the WebSocket; a paced send that
 * falls behind its schedule goes at once, and the rate achieved is reported.
 */
final class BroadcastPublisher implements WebSocket.Listener {
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final int size;
    private final Errors errors;
    private volatile WebSocket socket;

    /**
     * @param size   the length of each message, in bytes
     * @param errors where failures are counted
     */
    BroadcastPublisher(int size, Errors errors) {
        this.size = size;
        this.errors = errors;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        errors.add("the publisher received a message; the app echoes nobody's own messages");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return onText(webSocket, "", last);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        errors.add("the server closed the publisher: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        errors.add("publisher WebSocket error", error);
    }

    /**
     * Sends messages {@code first} to {@code first + count - 1}, message {@code i} at {@code i / rate} seconds
     * after the first.
     *
     * @return the seconds from the first send to the end of the last
     */
    double paced(int first, int count, double rate) throws InterruptedException {
        long start = System.nanoTime();
        double period = 1e9 / rate;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * period);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!send(first + i)) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Sends messages {@code first} to {@code first + count - 1} as fast as it can while at most {@code window} of
     * them have not yet reached every subscriber; stops early when deliveries stall for {@code stallNanos}.
     *
     * @return the seconds from the first send to the end of the last
     */
    double windowed(int first, int count, int window, BroadcastDeliveries deliveries, long stallNanos)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int seq = first + i;
            if (!deliveries.awaitComplete(seq - window, stallNanos)) {
                errors.add("deliveries stalled: message " + (seq - window) + " did not reach every subscriber"
                        + " within " + stallNanos / 1_000_000_000 + " s; the publisher stopped");
                break;
            }
            if (!send(seq)) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sends message {@code seq} and waits until the WebSocket took it. @return whether it did */
    private boolean send(int seq) throws InterruptedException {
        String text = new BroadcastMessage(seq, System.nanoTime()).text(size);
        try {
            socket.sendText(text, true).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            errors.add("the publisher could not send message " + seq, e);
            return false;
        }
    }

    /** Closes the publisher's connection at once. */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
