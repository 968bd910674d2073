package org.pagi.spec;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The {@code pagi.connection} handle of an {@code http} scope: disconnect detection without consuming events
 * from {@link Receive}, and this request's response progress.
 *
 * <p>It belongs to one request, even when a connection carries many (keep-alive). Exactly one of
 * {@link #onDisconnect} and {@link #onComplete} fires for a request. When a disconnect is detected the server
 * updates state in this order: {@code isConnected()} turns false, {@code disconnectReason()} is set,
 * {@code disconnectFuture()} completes, {@code onDisconnect} callbacks run in registration order, and only then
 * is {@code http.disconnect} queued for {@code receive}.
 *
 * <p>The Java API makes the spec's SHOULD accessors ({@code onComplete}, {@code responseComplete},
 * {@code disconnectFuture}) mandatory: every implementation here tracks them. Implementations are thread-safe.
 * See {@code spec/docs/www.md}, "Connection state"; the reference implementation is
 * {@link org.pagi.spec.server.ConnectionTracker}.
 */
public interface ConnectionState {

    /** @return true while the connection is open; once false, never true again */
    boolean isConnected();

    /** @return the abnormal-disconnect reason; empty while open or after a successful completion */
    Optional<DisconnectReason> disconnectReason();

    /**
     * Registers a callback for an abnormal disconnect only. Callbacks run in registration order; one registered
     * after the disconnect runs at once.
     */
    void onDisconnect(Consumer<DisconnectReason> callback);

    /** Registers a callback for successful completion only (the response was fully delivered). */
    void onComplete(Runnable callback);

    /** @return a stage that completes with the reason on abnormal disconnect, and never otherwise */
    CompletionStage<DisconnectReason> disconnectFuture();

    /** @return whether this request's response has started (by the app, a middleware or the server backstop) */
    boolean responseStarted();

    /** @return whether this request's response has been fully sent */
    boolean responseComplete();
}
