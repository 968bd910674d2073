package org.pagi.wrappers.apps;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.MessageTooLargeException;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Fan-out over WebSocket (upstream's {@code PAGI::App::WebSocket::Broadcast}): every message a client sends is
 * published on one topic of a {@link Channel}, and every client connected to that topic receives it, text as
 * text and binary as binary; the sender too only with {@code echoSelf}. Server code publishes with
 * {@link #publish(String)}.
 *
 * <p>Each client has a bounded queue ({@code maxQueuedMessages}, {@code maxQueuedBytes}): a client that reads
 * slower than messages arrive fills it and is dropped with close 1008 ({@value #SLOW_CLIENT_REASON}), while the
 * others go on receiving at their own pace; nobody waits for the slowest. A message over {@code maxMessageSize}
 * closes its sender with 1009. When the channel fails, its clients are closed with 1011.
 *
 * <pre>{@code
 * WebSocketBroadcast room = WebSocketBroadcast.builder().topic("news").build();
 * // mount it, then from anywhere:
 * room.publish("server restarting in 5 minutes");
 * }</pre>
 */
public final class WebSocketBroadcast implements Application {
    /** The close reason a client dropped for its full queue reads. */
    public static final String SLOW_CLIENT_REASON = "too slow: send queue full";
    /** The close code of a dropped slow client: policy violation. */
    public static final int SLOW_CLIENT_CODE = 1008;

    private final Channel channel;
    private final String topic;
    private final boolean echoSelf;
    private final int maxMessageSize;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private final Duration keepalive;
    private final String instance = ChannelSettings.instanceTag();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicInteger clients = new AtomicInteger();

    private WebSocketBroadcast(Builder b) {
        this.channel = b.channelOrNew();
        this.topic = b.topic;
        this.echoSelf = b.echoSelf;
        this.maxMessageSize = b.maxMessageSize;
        this.maxQueuedMessages = b.maxQueuedMessagesValue();
        this.maxQueuedBytes = b.maxQueuedBytesValue();
        this.keepalive = b.keepaliveValue();
    }

    /** @return a broadcast app on its own in-memory channel, topic {@code default} */
    public static WebSocketBroadcast create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the channel the clients' messages go through */
    public Channel channel() {
        return channel;
    }

    /** @return the topic this app publishes and subscribes on */
    public String topic() {
        return topic;
    }

    /** @return how many clients of this app are subscribed now (this process only) */
    public int clientCount() {
        return clients.get();
    }

    /** Sends {@code text} to every client on the topic. @return the published message, or the channel's failure */
    public CompletionStage<ChannelMessage> publish(String text) {
        return channel.publish(topic, ChannelPayload.text(text));
    }

    /** Sends {@code bytes} as a binary message to every client on the topic; see {@link #publish(String)}. */
    public CompletionStage<ChannelMessage> publish(Bytes bytes) {
        return channel.publish(topic, ChannelPayload.bytes(bytes));
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        // Another scope type throws UnsupportedScopeException, which the spec allows as the call's failure.
        WebSocket ws = WebSocket.of(scope, receive, send).maxMessageSize(maxMessageSize);
        Client client = new Client(ws, instance + "-" + connections.incrementAndGet());
        // Subscribed before the accept, its queue held until then: a client sees every message sent after its
        // handshake completed.
        return channel.subscribe(topic, client)
                .thenCompose(client::run)
                .handle((v, e) -> client.finish(e))
                .thenCompose(stage -> stage);
    }

    /** One connected client: its queue, its subscription, and its end. */
    private final class Client implements ChannelListener {
        private final WebSocket ws;
        private final String origin;
        private final ChannelOutbox<ChannelPayload> outbox;
        private final CompletableFuture<ChannelSubscription> subscription = new CompletableFuture<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Completes when a close this side started was handed over; the call must not end before that. */
        private final CompletableFuture<Void> dropSent = new CompletableFuture<>();
        private volatile boolean dropping;

        Client(WebSocket ws, String origin) {
            this.ws = ws;
            this.origin = origin;
            this.outbox = new ChannelOutbox<>(maxQueuedMessages, maxQueuedBytes, p -> p.data().length(),
                    p -> p.binary() ? ws.sendBytes(p.data()) : ws.sendText(p.text()),
                    () -> drop(SLOW_CLIENT_CODE, SLOW_CLIENT_REASON));
            ws.onClose(closed -> leave());
        }

        CompletionStage<Void> run(ChannelSubscription sub) {
            clients.incrementAndGet();
            subscription.complete(sub); // a client that closed meanwhile leaves now (see leave)
            return ws.accept().thenCompose(v -> ChannelSettings.keepalive(ws, keepalive)).thenCompose(v -> {
                outbox.open();
                return ws.forEach(m -> channel.publish(topic, payload(m).withOrigin(origin)));
            });
        }

        @Override
        public void onMessage(ChannelMessage message) {
            ChannelPayload p = message.payload();
            if (echoSelf || !p.origin().equals(Optional.of(origin))) {
                outbox.offer(p);
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            drop(1011, "channel failed");
        }

        /** Leaves the topic at once (so the count and the fan-out forget it), then closes. */
        private void drop(int code, String reason) {
            dropping = true; // before the close: the call's end sees it once the socket reads as closed
            leave();
            ws.close(code, reason).whenComplete((v, e) -> dropSent.complete(null));
        }

        private void leave() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            outbox.close();
            subscription.thenAccept(sub -> {
                sub.close();
                clients.decrementAndGet();
            });
        }

        /**
         * How the call ends: a too-large message or a dropped client ends normally; a channel that refused the
         * subscription refuses the handshake (503, or 403 without the denial extension); a later channel failure
         * closes with 1011.
         */
        CompletionStage<Void> finish(Throwable failure) {
            return dropping ? dropSent.thenCompose(v -> end(failure)) : end(failure);
        }

        private CompletionStage<Void> end(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null || cause instanceof MessageTooLargeException) {
                leave();
                return CompletableFuture.completedFuture(null);
            }
            leave();
            if (!subscription.isDone()) {
                subscription.cancel(false);
            }
            String reason = cause instanceof ChannelException ? "channel unavailable" : "internal error";
            CompletionStage<Void> closed = switch (ws.connectionState()) {
                case CONNECTING -> ChannelSettings.refuse(ws);
                case CONNECTED -> ws.close(1011, reason);
                case CLOSED -> CompletableFuture.completedFuture(null);
            };
            return cause instanceof ChannelException ? closed
                    : closed.thenCompose(v -> CompletableFuture.failedFuture(cause));
        }

        private static ChannelPayload payload(Message m) {
            return switch (m) {
                case Message.Text t -> ChannelPayload.text(t.text());
                case Message.Binary b -> ChannelPayload.bytes(b.bytes());
            };
        }
    }

    /** The broadcast app's settings; each is checked when set, naming it. */
    public static final class Builder extends ChannelAppBuilder<Builder> {
        private String topic = "default";
        private boolean echoSelf;
        private int maxMessageSize = ChannelSettings.DEFAULT_MAX_MESSAGE_SIZE;

        private Builder() {
        }

        /**
         * @param value the topic (upstream's {@code channel} option; default {@code default})
         * @return this
         * @throws IllegalArgumentException naming {@code topic} when {@link ChannelMessage#checkTopic} refuses it
         */
        public Builder topic(String value) {
            this.topic = ChannelSettings.topic(value);
            return this;
        }

        /** @param value whether a sender also receives its own messages (default false) @return this */
        public Builder echoSelf(boolean value) {
            this.echoSelf = value;
            return this;
        }

        /**
         * @param bytes the largest message a client may send (default 64 KiB); larger closes it with 1009
         * @return this
         * @throws IllegalArgumentException naming {@code maxMessageSize} when not positive
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = ChannelSettings.positive("maxMessageSize", bytes);
            return this;
        }

        /** @return the app */
        public WebSocketBroadcast build() {
            return new WebSocketBroadcast(this);
        }
    }
}
