package org.pagi.wrappers.sse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Receive;
import org.pagi.spec.event.SseDisconnect;

/**
 * Reads {@code receive} in the background so that {@code sse.disconnect} is noticed even while the handler only
 * sends or sleeps. The request body pieces ({@code sse.request}) are read and dropped. Each callback runs exactly
 * once: when the disconnect arrives, or at once when it has already arrived.
 */
final class DisconnectWatch {
    private static final System.Logger LOG = System.getLogger(DisconnectWatch.class.getName());

    private final Receive receive;
    private final CompletableFuture<DisconnectReason> gone = new CompletableFuture<>();
    private final List<Consumer<DisconnectReason>> callbacks = new ArrayList<>();
    private volatile DisconnectReason reason;

    DisconnectWatch(Receive receive) {
        this.receive = receive;
    }

    /** Starts reading; each event received asks for the next until the disconnect. */
    void start() {
        try {
            receive.receive().whenComplete((event, failure) -> {
                if (failure != null) {
                    noticed(DisconnectReason.READ_ERROR); // receive itself failed: nothing more will arrive
                } else if (event instanceof SseDisconnect d) {
                    noticed(d.reason());
                } else {
                    start();
                }
            });
        } catch (RuntimeException e) {
            noticed(DisconnectReason.READ_ERROR);
        }
    }

    CompletableFuture<DisconnectReason> gone() {
        return gone;
    }

    /** Whether the disconnect has arrived (true from the moment it is read, before the callbacks run). */
    boolean isGone() {
        return reason != null;
    }

    /** The disconnect reason; only after {@link #isGone()}. */
    DisconnectReason reason() {
        return reason;
    }

    void onDisconnect(Consumer<DisconnectReason> callback) {
        synchronized (this) {
            if (reason == null) {
                callbacks.add(callback);
                return;
            }
        }
        run(callback, reason);
    }

    private void noticed(DisconnectReason why) {
        List<Consumer<DisconnectReason>> due;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            due = List.copyOf(callbacks);
            callbacks.clear();
        }
        due.forEach(callback -> run(callback, why));
        gone.complete(why);
    }

    /** A failing callback is logged; the others still run. */
    private static void run(Consumer<DisconnectReason> callback, DisconnectReason reason) {
        try {
            callback.accept(reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SSE onDisconnect callback failed", e);
        }
    }
}
