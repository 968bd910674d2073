package org.pagi.wrappers.response;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.pagi.spec.Send;

/**
 * One response per exchange: {@link Response#respond} and {@link ResponseWriter#start} claim the exchange's
 * {@code send} before sending {@code http.response.start}, so a second response through the same {@code send}
 * fails in the wrapper with a message that says so, not later as a spec order violation.
 *
 * <p>Keyed weakly by the {@code send} object (each exchange has its own); the entry goes with the exchange.
 */
final class ResponseState {

    private static final Map<Send, Boolean> CLAIMED = Collections.synchronizedMap(new WeakHashMap<>());

    private ResponseState() {
    }

    /** @throws IllegalStateException when a response was already sent through {@code send} */
    static void claim(Send send) {
        if (CLAIMED.putIfAbsent(send, Boolean.TRUE) != null) {
            throw new IllegalStateException(
                    "response already sent: this exchange's send already carried http.response.start");
        }
    }
}
