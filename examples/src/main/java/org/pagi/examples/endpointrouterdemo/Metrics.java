package org.pagi.examples.endpointrouterdemo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.pagi.spec.State;

/**
 * The counters every handler shares through the state (under {@link #KEY}), as upstream's {@code metrics} hash:
 * HTTP requests (the page, the API, WebSocket upgrades), open WebSockets, WebSocket messages, and the sequence
 * number of metrics events, which every stream moves on (upstream's quirk: two streams step it twice a tick).
 */
final class Metrics {
    static final String KEY = "metrics";

    final AtomicLong requests = new AtomicLong();
    final AtomicLong wsActive = new AtomicLong();
    final AtomicLong wsMessages = new AtomicLong();
    final AtomicLong sseSeq = new AtomicLong();

    /** @return the metrics the lifespan put in {@code state}; fails naming the key when they are not there */
    static Metrics of(State state) {
        return state.get(KEY, Metrics.class)
                .orElseThrow(() -> new IllegalStateException("no '" + KEY + "' in the state: run with lifespan"));
    }

    /** @return the counters as upstream's JSON keys, in a fixed order */
    Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("requests", requests.get());
        values.put("ws_active", wsActive.get());
        values.put("ws_messages", wsMessages.get());
        values.put("sse_seq", sseSeq.get());
        return values;
    }
}
