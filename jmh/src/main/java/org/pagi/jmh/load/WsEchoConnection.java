package org.pagi.jmh.load;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket of {@link WsEchoLoad}: keeps {@code window} binary messages in flight, sending one more for each
 * echo that comes back whole and of the right size, and times each round trip.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   credits (window at open) --pump: credit-- , stamp--> sendBinary --echo's last part: credit++--> pump
 * </pre>
 * The JDK's {@code WebSocket} allows one send in progress at a time, so {@code pump} starts the next send only
 * when the previous one completed ({@code sending}); a send that completes at once pumps again from its own
 * callback, at most {@code window} deep. Echoes come back in the order sent, so the send times sit in a ring of
 * {@code window} slots and each echo takes the oldest. A round trip is timed from the call of
 * {@code sendBinary} to the last part of its echo.
 *
 * <p>Thread-safe: the client's threads call the listener and the send completions, the load program's main
 * thread starts and stops measuring; every field is guarded by {@code this}.
 */
final class WsEchoConnection implements WebSocket.Listener {
    private final ByteBuffer payload;
    private final int size;
    private final long[] sentAt;
    private final Errors errors;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private WebSocket socket;
    private int credits;
    private int oldest;
    private int inFlight;
    private boolean sending;
    private boolean stopping;
    private boolean measuring;
    private long echoes;
    private long partBytes;

    /**
     * @param payload the message to send, read-only; never modified
     * @param window  how many messages to keep in flight
     * @param errors  where failures are counted
     */
    WsEchoConnection(ByteBuffer payload, int window, Errors errors) {
        this.payload = payload.asReadOnlyBuffer();
        this.size = payload.remaining();
        this.sentAt = new long[window];
        this.credits = window;
        this.errors = errors;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
        }
        webSocket.request(1);
        pump();
    }

    /** Sends while there are credits and no send in progress. */
    private void pump() {
        WebSocket ws;
        synchronized (this) {
            if (stopping || sending || credits == 0 || socket == null) {
                return;
            }
            sending = true;
            credits--;
            sentAt[(oldest + inFlight) % sentAt.length] = System.nanoTime();
            inFlight++;
            ws = socket;
        }
        ws.sendBinary(payload.duplicate(), true).whenComplete((w, failure) -> sent(failure));
    }

    private void sent(Throwable failure) {
        synchronized (this) {
            sending = false;
            if (failure != null) {
                if (!stopping) {
                    errors.add("send failed", failure);
                }
                stopping = true;
                return;
            }
        }
        pump();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        long now = System.nanoTime();
        synchronized (this) {
            partBytes += data.remaining();
            if (last) {
                echoed(now);
            }
        }
        webSocket.request(1);
        if (last) {
            pump();
        }
        return null; // the data was read (counted) already; the client may reuse the buffer
    }

    private void echoed(long now) {
        if (partBytes != size) {
            errors.add("an echo of " + partBytes + " bytes; sent " + size);
        }
        partBytes = 0;
        if (inFlight == 0) {
            errors.add("an echo of a message that was never sent");
            return;
        }
        long start = sentAt[oldest];
        oldest = (oldest + 1) % sentAt.length;
        inFlight--;
        credits++;
        if (measuring) {
            echoes++;
            latency.record(now - start);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        errors.add("a text message; only binary ones were sent");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            if (!stopping) {
                errors.add("the server closed the WebSocket: " + statusCode + " " + reason);
            }
            stopping = true;
        }
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (!stopping) {
                errors.add("WebSocket error", error);
            }
            stopping = true;
        }
        closed.complete(null);
    }

    /** Forgets what was counted so far and counts from now on. */
    synchronized void startMeasuring() {
        latency.clear();
        echoes = 0;
        measuring = true;
    }

    /** Stops counting; the counts stay readable. */
    synchronized void stopMeasuring() {
        measuring = false;
    }

    /** @return the echoes counted while measuring */
    synchronized long echoes() {
        return echoes;
    }

    /** Adds this connection's round-trip times to {@code into}. */
    synchronized void addLatencyTo(LatencyHistogram into) {
        into.add(latency);
    }

    /**
     * Stops sending and starts the close handshake.
     *
     * @return a stage that completes when the server's Close arrived or the connection failed
     */
    CompletableFuture<Void> close() {
        WebSocket ws;
        synchronized (this) {
            stopping = true;
            ws = socket;
        }
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").whenComplete((w, failure) -> {
                if (failure != null) {
                    closed.complete(null); // e.g. a data send still in progress: abort() follows
                }
            });
        }
        return closed;
    }

    /** Closes the connection at once, without a handshake. */
    void abort() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
        closed.complete(null);
    }
}
