package org.pagi.middleware.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * One Redis server as the backends use it: a client, one shared command connection (Lettuce pipelines the
 * commands of every caller over it) and pub/sub connections on demand. Opened once per process, closed at
 * shutdown.
 *
 * <p>The client options are chosen so that no failure is silent: connecting at startup fails at once with the
 * address named; while the connection is down, commands are <em>rejected</em> instead of queued (Lettuce's default
 * would hold a publish until Redis returns, or forever), and every command has a timeout. The client reconnects by
 * itself and re-subscribes the pub/sub connections.
 */
public final class Redis implements AutoCloseable {
    /** The default timeout of one command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisURI uri;
    private final StatefulRedisConnection<String, String> connection;

    private Redis(RedisClient client, RedisURI uri, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.uri = uri;
        this.connection = connection;
    }

    /**
     * @param url {@code redis://[:password@]host[:port][/database]}
     * @return a connected client with {@link #DEFAULT_COMMAND_TIMEOUT}
     * @throws RedisUnavailableException naming the address when Redis does not answer
     * @throws IllegalArgumentException naming the URL when it is malformed
     */
    public static Redis connect(String url) {
        return connect(url, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * @param url            {@code redis://[:password@]host[:port][/database]}
     * @param commandTimeout how long one command may take before it fails (also the connect timeout)
     * @return a connected client
     * @throws RedisUnavailableException naming the address when Redis does not answer
     * @throws IllegalArgumentException naming the URL when it is malformed
     */
    public static Redis connect(String url, Duration commandTimeout) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive, got " + commandTimeout);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Redis URL '" + url + "' is malformed: " + e.getMessage(), e);
        }
        uri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect(uri);
            return new Redis(client, uri, connection);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new RedisUnavailableException("Redis at " + address(uri) + " is unreachable: " + rootMessage(e), e);
        }
    }

    /** @return {@code host:port} of the server, for messages */
    public String address() {
        return address(uri);
    }

    /** @return the shared command connection's asynchronous API */
    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    /** @return whether the command connection is up now */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * @return a new pub/sub connection (a subscribed connection can run no other command); closed by its user
     * @throws RedisUnavailableException naming the address when Redis does not answer
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return client.connectPubSub(uri);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("Redis at " + address() + " is unreachable: " + rootMessage(e), e);
        }
    }

    /** Closes the connections and the client's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static String address(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** @return the innermost cause's message, which names what went wrong (connection refused, timeout) */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
