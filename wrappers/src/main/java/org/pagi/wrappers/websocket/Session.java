package org.pagi.wrappers.websocket;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket's lifecycle: {@link WebSocketState}, how it ended, and the once-only callbacks. The first end
 * recorded wins, whoever caused it; every transition is under this object's lock, callbacks run outside it.
 */
final class Session {
    final OnceCallbacks<Closed> closeCallbacks = new OnceCallbacks<>("onClose");
    final OnceCallbacks<Throwable> errorCallbacks = new OnceCallbacks<>("onError");
    private WebSocketState state = WebSocketState.CONNECTING;
    private Closed closed;

    synchronized WebSocketState state() {
        return state;
    }

    synchronized Optional<Closed> closed() {
        return Optional.ofNullable(closed);
    }

    /** Moves CONNECTING to CONNECTED. @throws IllegalStateException naming the state otherwise */
    synchronized void open(String what) {
        requireConnecting(what);
        state = WebSocketState.CONNECTED;
    }

    /** @throws IllegalStateException unless the handshake is still unanswered */
    synchronized void requireConnecting(String what) {
        if (state != WebSocketState.CONNECTING) {
            throw new IllegalStateException("cannot " + what + ": the WebSocket is already "
                    + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Records the end and runs the close callbacks. @return whether this call ended it */
    boolean end(int code, String reason) {
        boolean first = endQuietly(code, reason);
        if (first) {
            fireClose();
        }
        return first;
    }

    /** Records the end without running callbacks (the caller fires them later). @return whether it ended it */
    synchronized boolean endQuietly(int code, String reason) {
        if (closed != null) {
            return false;
        }
        closed = new Closed(code, reason);
        state = WebSocketState.CLOSED;
        return true;
    }

    void fireClose() {
        closeCallbacks.fire(closed().orElseThrow());
    }

    /** @return a failed stage when a message may not be sent now (before accept, or closed), else null */
    synchronized CompletionStage<Void> refuseUnlessOpen(String what) {
        return switch (state) {
            case CONNECTED -> null;
            case CONNECTING -> CompletableFuture.failedFuture(
                    new IllegalStateException(what + ": accept the WebSocket first"));
            case CLOSED -> CompletableFuture.failedFuture(new WebSocketClosedException(what, closed));
        };
    }

    /** Hands the first failure of any stage to the error callbacks; the stage itself is unchanged. */
    <T> CompletionStage<T> reportFailure(CompletionStage<T> stage) {
        return stage.whenComplete((v, e) -> {
            if (e != null) {
                errorCallbacks.fire(Loop.unwrap(e));
            }
        });
    }
}
