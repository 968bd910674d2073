package org.pagi.examples.websocketchatv2;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.pagi.examples.chatshowcase.ChatOptions;
import org.pagi.examples.chatshowcase.ChatServer;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

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

    /** @param options the timings (grace period, stats and ping intervals) */
    public App(ChatOptions options) {
        this.chat = new ChatServer(options, ChatSocket::new);
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
