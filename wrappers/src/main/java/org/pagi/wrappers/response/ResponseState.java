package org.pagi.wrappers.response;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.HttpScope;
import org.pagi.spec.Send;

/**
 * One response per exchange: {@link Response#respond} and {@link ResponseWriter#start} claim the exchange's
 * {@code send} before sending {@code http.response.start}, so a second response through the same {@code send}
 * fails in the wrapper with a message that says so, not later as a spec order violation.
 *
 * <p>Every response of a server passes through here, so there is no global lock: claims are keyed by the
 * {@code send} object's identity in a concurrent map, held weakly (the entry goes with the exchange). A request
 * whose response completed drops its claim and clears the weak reference at once, leaving the garbage collector
 * nothing to process; from then on its {@code pagi.connection} reports the response started, which refuses a
 * second one just the same. The claims of other requests (a disconnected client, a connection state that never
 * reports) go when their {@code send} is collected.
 */
final class ResponseState {

    private static final ConcurrentHashMap<Claim, Claim> CLAIMED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Send> COLLECTED = new ReferenceQueue<>();

    private ResponseState() {
    }

    /** @throws IllegalStateException when a response was already sent through {@code send} */
    static void claim(HttpScope scope, Send send) {
        for (Reference<?> gone; (gone = COLLECTED.poll()) != null; ) {
            CLAIMED.remove(gone);
        }
        ConnectionState connection = scope.connection();
        Claim claim = new Claim(send);
        if (connection.responseStarted() || CLAIMED.putIfAbsent(claim, claim) != null) {
            claim.clear();
            throw new IllegalStateException(
                    "response already sent: this exchange's send already carried http.response.start");
        }
        connection.onComplete(claim);
    }

    /** Whether {@code send} holds a claim in the registry (for tests). */
    static boolean isClaimed(Send send) {
        Claim probe = new Claim(send);
        try {
            return CLAIMED.containsKey(probe);
        } finally {
            probe.clear();
        }
    }

    /** A claimed {@code send}, compared by identity; dropped when its response completes. */
    private static final class Claim extends WeakReference<Send> implements Runnable {
        private final int hash;

        Claim(Send send) {
            super(send, COLLECTED);
            this.hash = System.identityHashCode(send);
        }

        @Override
        public void run() {
            CLAIMED.remove(this);
            clear();
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Send mine = get();
            return mine != null && o instanceof Claim other && other.get() == mine;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
