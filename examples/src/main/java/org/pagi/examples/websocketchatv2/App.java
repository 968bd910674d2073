package org.pagi.examples.websocketchatv2;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.pagi.examples.chatshowcase.ChatOptions;
import org.pagi.examples.chatshowcase.ChatServer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.Channel;

/**
 * The websocket-chat-v2 example: the 10-chat-showcase chat (same page, API, SSE stream and state, from
 * {@link ChatServer}) with its WebSocket handler written with the wrappers' {@code WebSocket} ({@link ChatSocket})
 * instead of raw events. See {@code examples/websocket-chat-v2/README.md}.
 */
public final class App implements Application {
    private final ChatServer chat;

    /** The chat with upstream's timings, as {@code bin/pagi-server --app} creates it. */
    public App() {
        this(ChatOptions.defaults());
    }

    /**
     * The chat on the channel {@code PAGI_CHANNEL} names ({@code redis://host:port} to run several instances),
     * an in-memory one of its own when unset.
     *
     * @param options the timings (grace period, stats and ping intervals)
     */
    public App(ChatOptions options) {
        this.chat = new ChatServer(options, ChatSocket::new);
    }

    /**
     * @param options the timings (grace period, stats and ping intervals)
     * @param channel shared with the other instances of the chat: their rooms are this one's
     */
    public App(ChatOptions options, Channel channel) {
        this.chat = new ChatServer(options, channel, ChatSocket::new);
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return chat.call(scope, receive, send);
    }

    /** @return what {@code /api/stats} answers now */
    public Map<String, Object> stats() {
        return chat.stats();
    }
}
