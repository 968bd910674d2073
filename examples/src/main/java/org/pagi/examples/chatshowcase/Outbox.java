package org.pagi.examples.chatshowcase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messages one chat action sends, queued while the state is locked so that everyone sees changes in one
 * order, and awaited together afterwards. A send to a socket that has gone is not an error of the sender: that
 * socket's own handler notices its client left.
 */
final class Outbox {
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();

    /** Sends {@code message} to {@code session} when it is connected. */
    void to(ChatSession session, Map<String, Object> message) {
        if (session.peer == null) {
            return;
        }
        CompletableFuture<Void> stage;
        try {
            stage = session.peer.send(message).toCompletableFuture();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        sent.add(stage.exceptionally(gone -> null));
    }

    /** Sends {@code message} to every session in {@code sessions}. */
    void toAll(List<ChatSession> sessions, Map<String, Object> message) {
        sessions.forEach(s -> to(s, message));
    }

    /** @return completes when every message was sent (or found its socket gone) */
    CompletionStage<Void> done() {
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }
}
