package org.pagi.jmh.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * One subscriber of {@link BroadcastLoad}: a WebSocket that only reads. For every message it checks that it is the
 * next one in publish order (a gap is a lost message, counted and reported; an older one is a duplicate or a
 * reordering, an error), records its latency (from the send time it carries to the arrival of its last part) in
 * the histogram of its phase, and counts the delivery in the run's {@link BroadcastDeliveries}.
 *
 * <p>Thread-safe: the client's threads call the listener (one call at a time for one WebSocket), the load
 * program's main thread reads the counts; every field is guarded by {@code this}.
 */
final class BroadcastSubscriber implements WebSocket.Listener {
    private final int id;
    private final int[] phaseStarts;
    private final LatencyHistogram[] latency;
    private final long[] received;
    private final BroadcastDeliveries deliveries;
    private final Errors errors;
    private final StringBuilder parts = new StringBuilder();
    private WebSocket socket;
    private int next;
    private long missing;
    private boolean stopping;

    /**
     * @param id          this subscriber's number, in error messages
     * @param phaseStarts the first message of each phase, ascending, from 0
     * @param deliveries  where every delivery is counted
     * @param errors      where failures are counted
     */
    BroadcastSubscriber(int id, int[] phaseStarts, BroadcastDeliveries deliveries, Errors errors) {
        this.id = id;
        this.phaseStarts = phaseStarts.clone();
        this.latency = new LatencyHistogram[phaseStarts.length];
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LatencyHistogram();
        }
        this.received = new long[phaseStarts.length];
        this.deliveries = deliveries;
        this.errors = errors;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        synchronized (this) {
            if (!last) {
                parts.append(data);
            } else if (parts.isEmpty()) {
                arrived(data, now);
            } else {
                arrived(parts.append(data), now);
                parts.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    /** Takes one whole message that arrived at {@code now}; the listener's own entry, and the tests'. */
    synchronized void arrived(CharSequence text, long now) {
        BroadcastMessage m;
        try {
            m = BroadcastMessage.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add("subscriber " + id + ": " + e.getMessage());
            return;
        }
        if (m.seq() < next) {
            errors.add("subscriber " + id + ": message " + m.seq() + " arrived after message " + (next - 1)
                    + " (a duplicate or out of order)");
            return;
        }
        if (m.seq() > next) {
            errors.add("subscriber " + id + ": messages " + next + " to " + (m.seq() - 1) + " never arrived");
            missing += m.seq() - next;
        }
        next = m.seq() + 1;
        int phase = phaseOf(m.seq());
        received[phase]++;
        latency[phase].record(now - m.sendNanos());
        deliveries.delivered(m.seq());
    }

    private int phaseOf(int seq) {
        int phase = 0;
        while (phase + 1 < phaseStarts.length && seq >= phaseStarts[phase + 1]) {
            phase++;
        }
        return phase;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        errors.add("subscriber " + id + ": a binary message; only text was published");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            if (!stopping) {
                errors.add("subscriber " + id + ": the server closed it: " + statusCode + " " + reason);
            }
            stopping = true;
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (!stopping) {
                errors.add("subscriber " + id + ": WebSocket error", error);
            }
            stopping = true;
        }
    }

    /** @return the messages of phase {@code phase} this subscriber received */
    synchronized long received(int phase) {
        return received[phase];
    }

    /** @return how many messages this subscriber saw a later one of but never received */
    synchronized long missing() {
        return missing;
    }

    /** Adds this subscriber's latencies of phase {@code phase} to {@code into}. */
    synchronized void addLatencyTo(int phase, LatencyHistogram into) {
        into.add(latency[phase]);
    }

    /** Closes the connection at once, without a handshake: the run is over and nothing after it is measured. */
    void abort() {
        WebSocket ws;
        synchronized (this) {
            stopping = true;
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
    }
}
