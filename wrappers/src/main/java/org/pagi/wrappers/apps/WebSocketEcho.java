package org.pagi.wrappers.apps;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.websocket.Closed;
import org.pagi.wrappers.websocket.Message;
import org.pagi.wrappers.websocket.MessageTooLargeException;
import org.pagi.wrappers.websocket.WebSocket;

/**
 * Accepts every WebSocket and sends each message back to its sender, text as text and binary as binary, until
 * the client closes (upstream's {@code PAGI::App::WebSocket::Echo}). Other scope types fail with
 * {@link org.pagi.spec.UnsupportedScopeException}. A message over {@code maxMessageSize} closes the socket with
 * 1009.
 *
 * <pre>{@code
 * Application echo = WebSocketEcho.builder()
 *         .onDisconnect((ws, closed) -> log(ws.path() + " closed " + closed.code()))
 *         .build();
 * }</pre>
 */
public final class WebSocketEcho implements Application {
    private final int maxMessageSize;
    private final Consumer<? super WebSocket> onConnect;
    private final BiConsumer<? super WebSocket, ? super Closed> onDisconnect;

    private WebSocketEcho(Builder b) {
        this.maxMessageSize = b.maxMessageSize;
        this.onConnect = b.onConnect;
        this.onDisconnect = b.onDisconnect;
    }

    /** @return an echo app with the defaults */
    public static WebSocketEcho create() {
        return builder().build();
    }

    /** @return a builder for the message limit and the callbacks */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        // Another scope type throws UnsupportedScopeException, which the spec allows as the call's failure.
        WebSocket ws = WebSocket.of(scope, receive, send).maxMessageSize(maxMessageSize);
        ws.onClose(closed -> onDisconnect.accept(ws, closed));
        return ws.accept()
                .thenRun(() -> onConnect.accept(ws))
                .thenCompose(v -> ws.forEach(m -> switch (m) {
                    case Message.Text t -> ws.sendText(t.text());
                    case Message.Binary b -> ws.sendBytes(b.bytes());
                }))
                .exceptionallyCompose(e -> e instanceof MessageTooLargeException
                        || e.getCause() instanceof MessageTooLargeException
                        ? CompletableFuture.completedFuture(null)   // closed with 1009 already
                        : CompletableFuture.failedFuture(e));
    }

    /** The echo app's settings; each is checked when set, naming it. */
    public static final class Builder {
        private int maxMessageSize = WebSocket.DEFAULT_MAX_MESSAGE_SIZE;
        private Consumer<? super WebSocket> onConnect = ws -> { };
        private BiConsumer<? super WebSocket, ? super Closed> onDisconnect = (ws, c) -> { };

        private Builder() {
        }

        /**
         * @param bytes the largest message echoed (default {@link WebSocket#DEFAULT_MAX_MESSAGE_SIZE}); larger
         *     closes with 1009
         * @return this
         * @throws IllegalArgumentException naming {@code maxMessageSize} when not positive
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = ChannelSettings.positive("maxMessageSize", bytes);
            return this;
        }

        /** @param callback run with the socket once it is accepted @return this */
        public Builder onConnect(Consumer<? super WebSocket> callback) {
            this.onConnect = Objects.requireNonNull(callback, "onConnect");
            return this;
        }

        /** @param callback run once with the socket and how it closed @return this */
        public Builder onDisconnect(BiConsumer<? super WebSocket, ? super Closed> callback) {
            this.onDisconnect = Objects.requireNonNull(callback, "onDisconnect");
            return this;
        }

        /** @return the app */
        public WebSocketEcho build() {
            return new WebSocketEcho(this);
        }
    }
}
