package org.pagi.examples.chatshowcase;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.Channels;
import org.pagi.wrappers.apps.InMemoryChannel;
import org.pagi.wrappers.lifespan.Lifespan;
import org.pagi.wrappers.routing.Router;

/**
 * The whole chat but its WebSocket handler, which each example brings (upstream's {@code app.pl}): a {@link Router}
 * with the page and the API ({@link ChatHttp}), the WebSocket at {@code /ws/chat}, the SSE stream at
 * {@code /events} ({@link SystemEvents}), and a lifespan that logs the state at startup and shutdown. One
 * {@link ChatState} per server; the rooms are shared with the other instances on the same {@link Channel}
 * ({@link ChatRelay}).
 */
public final class ChatServer implements Application {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());

    /** The environment variable naming the channel when none is given: a URL for {@link Channels#open}. */
    public static final String CHANNEL_VARIABLE = "PAGI_CHANNEL";

    private final ChatState state = new ChatState();
    private final Channel channel;
    private final ChatRelay relay;
    private final Application app;

    /**
     * The chat on the channel {@value #CHANNEL_VARIABLE} names ({@code redis://host:port} to share it with other
     * instances); unset, on an in-memory channel of its own (one instance).
     *
     * @param options the timings
     * @param socket  makes the WebSocket handler from what the chat does with a socket
     */
    public ChatServer(ChatOptions options, Function<ChatProtocol, Application> socket) {
        this(options, configuredChannel(), true, socket);
    }

    /**
     * @param options the timings
     * @param channel where the rooms' events, presence and history are shared with the other instances
     * @param socket  makes the WebSocket handler from what the chat does with a socket
     */
    public ChatServer(ChatOptions options, Channel channel, Function<ChatProtocol, Application> socket) {
        this(options, channel, false, socket);
    }

    private ChatServer(ChatOptions options, Channel channel, boolean ownsChannel,
            Function<ChatProtocol, Application> socket) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.relay = new ChatRelay(channel, state);
        ChatState.DEFAULT_ROOMS.forEach(relay::serve);
        ChatProtocol protocol = new ChatProtocol(state, options, relay);
        Router router = new ChatHttp(state, relay).routes(Router.builder())
                .websocket("/ws/chat", socket.apply(protocol))
                .sse("/events", new SystemEvents(state, options))
                .build();
        this.app = Lifespan.wrap(router)
                .onStartup("chat", scope -> log("starting with " + stats().get("rooms_count") + " rooms"))
                .onShutdown("chat", scope -> log("stopping: " + stats().get("users_online") + " users, "
                        + stats().get("messages_total") + " messages")
                        .thenRun(() -> {
                            relay.close();
                            if (ownsChannel) {
                                close(channel); // its connections, and this instance's presence, go with it
                            }
                        }));
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return app.call(scope, receive, send);
    }

    /** @return what {@code /api/stats} answers now */
    public Map<String, Object> stats() {
        return state.stats();
    }

    /** @return the channel the rooms are shared through */
    public Channel channel() {
        return channel;
    }

    private static void close(Channel channel) {
        if (channel instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "chat: closing the channel failed", e);
            }
        }
    }

    private static Channel configuredChannel() {
        String url = System.getenv(CHANNEL_VARIABLE);
        return url == null || url.isBlank() ? InMemoryChannel.create() : Channels.open(url);
    }

    private static CompletionStage<Void> log(String message) {
        LOG.log(System.Logger.Level.INFO, "chat: " + message);
        return CompletableFuture.completedFuture(null);
    }
}
