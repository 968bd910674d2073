package org.pagi.examples.chatshowcase;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.routing.Router;

/**
 * The whole chat but its WebSocket handler, which each example brings (upstream's {@code app.pl}): a {@link Router}
 * with the page and the API ({@link ChatHttp}), the WebSocket at {@code /ws/chat}, the SSE stream at
 * {@code /events} ({@link SystemEvents}), and a lifespan that logs the state at startup and shutdown. One
 * {@link ChatState} per server.
 */
public final class ChatServer implements Application {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());

    private final ChatState state = new ChatState();
    private final Application app;

    /**
     * @param options the timings
     * @param socket  makes the WebSocket handler from what the chat does with a socket
     */
    public ChatServer(ChatOptions options, Function<ChatProtocol, Application> socket) {
        ChatProtocol protocol = new ChatProtocol(state, options);
        Router router = new ChatHttp(state).routes(Router.builder())
                .websocket("/ws/chat", socket.apply(protocol))
                .sse("/events", new SystemEvents(state, options))
                .build();
        this.app = Lifespan.wrap(router)
                .onStartup("chat", scope -> log("starting with " + stats().get("rooms_count") + " rooms"))
                .onShutdown("chat", scope -> log("stopping: " + stats().get("users_online") + " users, "
                        + stats().get("messages_total") + " messages"));
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    /** @return what {@code /api/stats} answers now */
    public Map<String, Object> stats() {
        return state.stats();
    }

    private static CompletionStage<Void> log(String message) {
        LOG.log(System.Logger.Level.INFO, "chat: " + message);
        return CompletableFuture.completedFuture(null);
    }
}
