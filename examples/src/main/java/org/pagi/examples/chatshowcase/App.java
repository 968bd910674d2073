package org.pagi.examples.chatshowcase;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.Channel;

/**
 * The 10-chat-showcase example: a multi-user chat page over HTTP, WebSocket and SSE, with a lifespan (see
 * {@code examples/10-chat-showcase/README.md}). Rooms, nicknames, commands, private messages, typing indicators,
 * presence with a grace period and session resume, as upstream's {@code examples/10-chat-showcase}; the WebSocket
 * handler in raw spec events ({@link RawChatSocket}), the rest with the wrappers ({@link ChatServer}).
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
        this.chat = new ChatServer(options, RawChatSocket::new);
    }

    /**
     * @param options the timings (grace period, stats and ping intervals)
     * @param channel shared with the other instances of the chat: their rooms are this one's
     */
    public App(ChatOptions options, Channel channel) {
        this.chat = new ChatServer(options, channel, RawChatSocket::new);
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
