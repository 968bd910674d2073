package org.pagi.examples.chatshowcase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messages one chat action sends, queued while the state is locked so that everyone sees changes in one
 * order, and awaited together afterwards, with the channel operations the action asked for. A send to a socket
 * that has gone is not an error of the sender: that socket's own handler notices its client left.
 */
final class Outbox {
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();

    /**
     * Sends {@code message} to {@code session} when it is connected.
     *
     * @return completes when sent, or at once when not connected or the socket has gone
     */
    CompletableFuture<Void> to(ChatSession session, Map<String, Object> message) {
        if (session.peer == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> stage;
        try {
            stage = session.peer.send(message).toCompletableFuture();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = stage.exceptionally(gone -> null);
        sent.add(done);
        return done;
    }

    /** Sends {@code message} to every session in {@code sessions}. */
    void toAll(List<ChatSession> sessions, Map<String, Object> message) {
        sessions.forEach(s -> to(s, message));
    }

    /**
     * Waits for {@code relayed}, a channel operation of the action; when it fails (the channel's store is away),
     * {@code actor} is told its action did not reach the others, rather than nothing being said.
     */
    void relayed(ChatSession actor, CompletionStage<?> relayed) {
        Peer peer = actor.peer;
        sent.add(relayed.toCompletableFuture().handle((v, failure) -> failure).thenCompose(failure -> {
            if (failure == null || peer == null) {
                return CompletableFuture.completedFuture(null);
            }
            return peer.send(ChatProtocol.error("Not delivered, the chat's channel failed: " + reason(failure)))
                    .toCompletableFuture().exceptionally(gone -> null);
        }));
    }

    /** Waits for {@code stage} too (a reply that needs the channel first); its failure is not the sender's. */
    void after(CompletionStage<?> stage) {
        sent.add(stage.toCompletableFuture().handle((v, failure) -> null));
    }

    /** @return what a failed channel operation says, without the wrapping of the stages it went through */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** @return completes when every message was sent (or found its socket gone) */
    CompletionStage<Void> done() {
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }
}
