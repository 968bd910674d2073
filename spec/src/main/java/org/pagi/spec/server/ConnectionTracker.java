package org.pagi.spec.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.DisconnectReason;

/**
 * The reference {@link ConnectionState}: what a server (and the test client) keeps per HTTP request.
 *
 * <p>The owner reports facts ({@link #markResponseStarted()}, {@link #markResponseComplete()},
 * {@link #disconnect(DisconnectReason)}, {@link #closeAfterCompletion()}); the tracker keeps the spec's
 * ordering: on an abnormal disconnect it turns {@code isConnected} false, sets the reason, completes the
 * future, then runs the {@code onDisconnect} callbacks in registration order; the owner queues
 * {@code http.disconnect} only after {@code disconnect} returns {@code true}. Exactly one of the two callback
 * families ever runs. A callback that throws is logged and does not stop the others.
 *
 * <p>Thread-safe. Callbacks run on the thread that reports the fact, outside the lock.
 */
public final class ConnectionTracker implements ConnectionState {
    private static final System.Logger LOG = System.getLogger(ConnectionTracker.class.getName());

    // Created on first use: most requests register no callback and never ask for the future.
    private CompletableFuture<DisconnectReason> disconnectFuture;
    private List<Consumer<DisconnectReason>> onDisconnect;
    private List<Runnable> onComplete;
    private boolean connected = true;
    private DisconnectReason reason;
    private boolean started;
    private boolean complete;

    @Override
    public synchronized boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized Optional<DisconnectReason> disconnectReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public void onDisconnect(Consumer<DisconnectReason> callback) {
        DisconnectReason now;
        synchronized (this) {
            if (reason == null) {
                if (!complete) {
                    if (onDisconnect == null) {
                        onDisconnect = new ArrayList<>(2);
                    }
                    onDisconnect.add(callback);
                }
                return;
            }
            now = reason;
        }
        run(() -> callback.accept(now));
    }

    @Override
    public void onComplete(Runnable callback) {
        synchronized (this) {
            if (!complete) {
                if (reason == null) {
                    if (onComplete == null) {
                        onComplete = new ArrayList<>(2);
                    }
                    onComplete.add(callback);
                }
                return;
            }
        }
        run(callback);
    }

    @Override
    public synchronized CompletionStage<DisconnectReason> disconnectFuture() {
        if (disconnectFuture == null) {
            disconnectFuture = new CompletableFuture<>();
            if (reason != null) {
                disconnectFuture.complete(reason);
            }
        }
        return disconnectFuture.minimalCompletionStage();
    }

    @Override
    public synchronized boolean responseStarted() {
        return started;
    }

    @Override
    public synchronized boolean responseComplete() {
        return complete;
    }

    /** Records that {@code http.response.start} was emitted (by anyone, the server's backstop included). */
    public synchronized void markResponseStarted() {
        started = true;
    }

    /**
     * Records that the response was fully delivered and runs the {@code onComplete} callbacks.
     *
     * @return false if the request had already ended (completed or disconnected)
     */
    public boolean markResponseComplete() {
        List<Runnable> callbacks;
        synchronized (this) {
            if (complete || reason != null) {
                return false;
            }
            started = true;
            complete = true;
            callbacks = onComplete == null ? List.of() : List.copyOf(onComplete);
            onComplete = null;
            onDisconnect = null;
        }
        callbacks.forEach(ConnectionTracker::run);
        return true;
    }

    /**
     * Records an abnormal end of the request, in the spec's order.
     *
     * @return true if this call ended the request (so the owner should now queue the disconnect event); false if
     *         the request had already completed or disconnected
     */
    public boolean disconnect(DisconnectReason why) {
        List<Consumer<DisconnectReason>> callbacks;
        CompletableFuture<DisconnectReason> future;
        synchronized (this) {
            if (complete || reason != null) {
                connected = false;
                return false;
            }
            connected = false;
            reason = why;
            callbacks = onDisconnect == null ? List.of() : List.copyOf(onDisconnect);
            onDisconnect = null;
            onComplete = null;
            future = disconnectFuture;
        }
        if (future != null) {
            future.complete(why);
        }
        for (Consumer<DisconnectReason> c : callbacks) {
            run(() -> c.accept(why));
        }
        return true;
    }

    /** Records that the connection closed after a completed response: no reason, no callbacks. */
    public synchronized void closeAfterCompletion() {
        connected = false;
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pagi.connection callback failed", e);
        }
    }

    @Override
    public synchronized String toString() {
        return "ConnectionTracker[connected=%s, reason=%s, started=%s, complete=%s]"
                .formatted(connected, reason, started, complete);
    }
}
