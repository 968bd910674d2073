package org.pagi.wrappers.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketReceive;

/**
 * The one owner of a WebSocket's {@code receive}: one receive at a time, {@code websocket.connect} skipped,
 * the per-message limit applied, the disconnect turned into {@link Closed}, and a message given back by a
 * cancelled publisher delivered first.
 */
final class Inbox {
    private final Receive receive;
    private final Send send;
    private final Session session;
    private volatile int maxMessageSize = WebSocket.DEFAULT_MAX_MESSAGE_SIZE;
    // Guarded by this.
    private boolean receiving;
    private boolean abandoned;
    private CompletableFuture<Received> inFlight;
    private Received unread;

    Inbox(Receive receive, Send send, Session session) {
        this.receive = receive;
        this.send = send;
        this.session = session;
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    void maxMessageSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive, got " + bytes);
        }
        maxMessageSize = bytes;
    }

    CompletionStage<Received> receive() {
        synchronized (this) {
            if (unread != null) {
                Received r = unread;
                unread = null;
                return CompletableFuture.completedFuture(r);
            }
            if (session.closed().isPresent()) {
                return CompletableFuture.completedFuture(session.closed().get());
            }
            if (receiving && abandoned) {
                abandoned = false;   // the pending receive's result now goes to this caller
                return inFlight;
            }
            if (receiving) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "a receive is already pending on this WebSocket; wait for it before receiving again"));
            }
            receiving = true;
            inFlight = new CompletableFuture<>();
        }
        CompletableFuture<Received> result = inFlight;
        next().whenComplete((r, e) -> {
            synchronized (this) {
                receiving = false;
                inFlight = null;
                if (abandoned && e == null && r instanceof Message) {
                    unread = r;      // nobody wants it yet: the next receive gets it
                }
                abandoned = false;
            }
            if (e != null) {
                result.completeExceptionally(Loop.unwrap(e));
            } else {
                result.complete(r);
            }
        });
        return session.reportFailure(result);
    }

    /**
     * The caller of the pending receive (a cancelled publisher) no longer wants its result: the next receive
     * takes it over, or, when it arrives first, finds it waiting.
     *
     * @return whether a receive was pending (then its result is no longer the caller's to deliver)
     */
    synchronized boolean abandon() {
        if (receiving) {
            abandoned = true;
        }
        return receiving;
    }

    /** Puts back a message its taker did not deliver; the next receive gets it. */
    synchronized void putBack(Received r) {
        if (unread == null && r instanceof Message) {
            unread = r;
        }
    }

    private CompletionStage<Received> next() {
        return receive.receive().thenCompose(this::interpret);
    }

    private CompletionStage<Received> interpret(Event event) {
        return switch (event) {
            case WebSocketReceive r -> admit(r.message().asText().map(Message::text)
                    .orElseGet(() -> Message.bytes(r.message().asBytes().orElseThrow())));
            case WebSocketDisconnect d -> {
                session.end(d.code(), d.reason());
                yield CompletableFuture.completedFuture(session.closed().orElseThrow());
            }
            default -> next(); // websocket.connect: the handshake is answered by accept, deny or close
        };
    }

    private CompletionStage<Received> admit(Message message) {
        int limit = maxMessageSize;
        if (message.size() <= limit) {
            return CompletableFuture.completedFuture(message);
        }
        String reason = "message too big";
        boolean first = session.end(CloseCode.MESSAGE_TOO_BIG, reason);
        CompletionStage<Void> closing = first ? send.send(new WebSocketClose(CloseCode.MESSAGE_TOO_BIG, reason))
                : CompletableFuture.completedFuture(null);
        return closing.handle((v, e) -> null)
                .thenCompose(v -> CompletableFuture.failedFuture(new MessageTooLargeException(message.size(), limit)));
    }
}
