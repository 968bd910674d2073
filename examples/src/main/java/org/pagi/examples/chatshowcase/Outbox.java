package org.pagi.examples.chatshowcase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messages one chat action sends, queued while the state is locked so that everyone sees changes in one
 * order ({@link SendQueue}), sent and awaited together afterwards, with the channel operations the action asked
 * for. A send to a socket
 * that has gone is not an error of the sender: that socket's own handler notices its client left.
 */
final class Outbox {
    private final SendQueue sends;
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();

    /** @param state the instance whose {@link SendQueue} carries the sends out */
    Outbox(ChatState state) {
        this.sends = state.sends();
    }

    /**
     * Queues {@code message} for {@code session} when it is connected; it is sent, in queue order, by
     * {@link #done()}, once the state's lock is released.
     *
     * @return completes when sent, or at once when not connected or the socket has gone
     */
    CompletableFuture<Void> to(ChatSession session, Map<String, Object> message) {
        Peer peer = session.peer;
        if (peer == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        sends.add(() -> {
            CompletionStage<Void> stage;
            try {
                stage = peer.send(message);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((v, gone) -> done.complete(null));
        });
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

    /**
     * Sends what was queued (call it without holding the state's lock).
     *
     * @return completes when every message was sent (or found its socket gone)
     */
    CompletionStage<Void> done() {
        sends.drain();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }
}
