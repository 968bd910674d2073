package org.pagi.jmh.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pagi.server.ExecutionMode;
import org.pagi.server.LifespanMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.Channels;
import org.pagi.wrappers.apps.InMemoryChannel;
import org.pagi.wrappers.apps.WebSocketBroadcast;

/**
 * The server side of {@link BroadcastLoad}: {@code count} PAGI servers on 127.0.0.1 in this JVM, each running
 * {@link WebSocketBroadcast} on topic {@value #TOPIC}, as several instances behind a load balancer would.
 *
 * <p>With {@code memory:} every instance shares one {@link InMemoryChannel} (instances in one process); with any
 * other channel URL ({@code redis://127.0.0.1:P}) each instance opens its own channel through
 * {@link Channels#open}, so each has its own connection to the store and a message crosses it to reach the other
 * instances, as between processes. The broadcast apps keep their default per-client queue bounds.
 */
final class BroadcastInstances implements AutoCloseable {
    static final String TOPIC = "bench";

    private final List<Channel> channels = new ArrayList<>();
    private final List<WebSocketBroadcast> apps = new ArrayList<>();
    private final List<PagiServer> servers = new ArrayList<>();

    private BroadcastInstances() {
    }

    /**
     * @param channelUrl {@code memory:} or a store's URL
     * @param count      how many instances
     * @param mode       their execution mode
     * @param loops      selector loops per instance
     * @return the running instances
     * @throws IOException when a server cannot start; whatever had started is closed
     */
    static BroadcastInstances start(String channelUrl, int count, ExecutionMode mode, int loops) throws IOException {
        BroadcastInstances instances = new BroadcastInstances();
        try {
            Channel shared = channelUrl.startsWith("memory:") ? InMemoryChannel.create() : null;
            for (int i = 0; i < count; i++) {
                Channel channel = shared != null ? shared : Channels.open(channelUrl);
                if (shared == null || i == 0) {
                    instances.channels.add(channel);
                }
                WebSocketBroadcast app = WebSocketBroadcast.builder().channel(channel).topic(TOPIC).build();
                instances.apps.add(app);
                instances.servers.add(PagiServer.start(app, ServerConfig.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .executionMode(mode)
                        .loops(loops)
                        .accessLog(false)
                        .lifespan(LifespanMode.OFF) // the broadcast app has no lifespan to run
                        .shutdownGrace(Duration.ofSeconds(1))
                        .build()));
            }
            return instances;
        } catch (IOException | RuntimeException e) {
            instances.close();
            throw e;
        }
    }

    /** @return how many instances run */
    int count() {
        return servers.size();
    }

    /** @return the port of instance {@code i} */
    int port(int i) {
        return servers.get(i).port();
    }

    /** @return the clients subscribed on all instances now */
    int clients() {
        return apps.stream().mapToInt(WebSocketBroadcast::clientCount).sum();
    }

    /** Stops every server, then closes the channels (and so their connections to the store). */
    @Override
    public void close() {
        servers.forEach(PagiServer::close);
        for (Channel c : channels) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("broadcast-load: closing a channel failed: " + e);
                }
            }
        }
    }
}
