package org.pagi.examples.chatshowcase;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pagi.middleware.redis.RedisServerProcess;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.Channels;

/**
 * What several instances of an example share in a test, as a deployment does: Debian's redis-server on a free
 * loopback port (persistence off; the middleware's test fixture), started with this object, and one channel per
 * instance on it, opened by URL as {@code PAGI_CHANNEL} opens it. {@link #close()} closes every channel, then stops
 * the server by PID: at the end of a try-with-resources, or after each test as a {@code @RegisterExtension} field
 * (after the test's own {@code @AfterEach} methods, which stop the instances first).
 */
public final class RedisChannels implements AutoCloseable, AfterEachCallback {
    /** How many messages per topic the channels keep: a room's history, the dashboard's resume. */
    public static final int HISTORY = 100;

    private final RedisServerProcess server = RedisServerProcess.start();
    private final List<Channel> opened = new ArrayList<>();

    /** @return the server's URL, {@code redis://127.0.0.1:port}, for an instance of its own to open */
    public String url() {
        return server.url();
    }

    /** @return a new channel on the shared server, as one instance opens it; closed with this */
    public synchronized Channel open() {
        Channel channel = Channels.open(server.url() + "?history=" + HISTORY);
        opened.add(channel);
        return channel;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        try {
            for (Channel channel : opened) {
                if (channel instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("a channel did not close", e);
        } finally {
            server.close();
        }
    }
}
