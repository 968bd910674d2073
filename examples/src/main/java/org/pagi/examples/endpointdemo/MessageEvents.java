package org.pagi.examples.endpointdemo;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.pagi.wrappers.endpoint.SseEndpoint;
import org.pagi.spec.DisconnectReason;
import org.pagi.wrappers.sse.ServerEvent;
import org.pagi.wrappers.sse.Sse;

/**
 * New messages as server-sent events: each stream opens with {@code event: connected}
 * ({@code {"subscriber_id":n}}, numbered from 1), then gets every message posted to {@link MessageApi} as an
 * unnamed event. Keepalive comments every 25 s, as upstream. In memory: one process. Thread-safe.
 */
final class MessageEvents extends SseEndpoint {
    static final Duration KEEPALIVE = Duration.ofSeconds(25);

    private final Set<Sse> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lastSubscriber = new AtomicInteger();

    @Override
    protected Duration keepaliveInterval() {
        return KEEPALIVE;
    }

    @Override
    protected CompletionStage<?> onConnect(Sse sse) {
        int id = lastSubscriber.incrementAndGet();
        return sse.start().thenCompose(v -> {
            // The greeting is sent and the stream joins under one lock with broadcast: the greeting is always the
            // stream's first event, and a message posted once a client has seen it always reaches that client.
            synchronized (open) {
                open.add(sse);
                return sse.send(ServerEvent.named("connected", "{\"subscriber_id\":" + id + "}"));
            }
        });
    }

    @Override
    protected void onDisconnect(Sse sse, Optional<DisconnectReason> reason) {
        open.remove(sse);
    }

    /** Sends {@code message} to every open stream; a stream that has gone is skipped, not an error. */
    CompletionStage<Void> broadcast(Message message) {
        synchronized (open) {
            return CompletableFuture.allOf(open.stream()
                    .map(sse -> sse.trySendJson(message).toCompletableFuture())
                    .toArray(CompletableFuture[]::new));
        }
    }

    int subscribers() {
        return open.size();
    }
}
