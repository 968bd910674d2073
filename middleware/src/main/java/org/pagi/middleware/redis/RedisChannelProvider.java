package org.pagi.middleware.redis;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pagi.wrappers.apps.Channel;
import org.pagi.wrappers.apps.ChannelException;
import org.pagi.wrappers.apps.ChannelProvider;

/**
 * Opens a {@link RedisChannel} for {@code Channels.open("redis://host:port[/db]?history=1000&prefix=app:")}.
 * The query sets {@code prefix}, {@code history}, {@code presenceTtl} (ms), {@code maxTopics}, {@code maxQueued}
 * and {@code timeout} (ms, each Redis command's); any other parameter is refused by name. The rest of the URL
 * (credentials, database) goes to the client. The channel owns the connection it opens and closes it.
 */
public final class RedisChannelProvider implements ChannelProvider {
    /** For {@link java.util.ServiceLoader}. */
    public RedisChannelProvider() {
    }

    @Override
    public String scheme() {
        return "redis";
    }

    @Override
    public Channel open(URI url) {
        Map<String, String> query = query(url);
        RedisChannel.Builder builder = RedisChannel.builder();
        Duration timeout = Redis.DEFAULT_COMMAND_TIMEOUT;
        for (Map.Entry<String, String> e : query.entrySet()) {
            String value = e.getValue();
            switch (e.getKey()) {
                case "prefix" -> builder.prefix(value);
                case "history" -> builder.history(number("history", value));
                case "presenceTtl" -> builder.presenceTtl(Duration.ofMillis(number("presenceTtl", value)));
                case "maxTopics" -> builder.maxTopics(number("maxTopics", value));
                case "maxQueued" -> builder.maxQueued(number("maxQueued", value));
                case "timeout" -> timeout = Duration.ofMillis(number("timeout", value));
                default -> throw new IllegalArgumentException("channel URL '" + url + "': unknown parameter '"
                        + e.getKey() + "' (known: prefix, history, presenceTtl, maxTopics, maxQueued, timeout)");
            }
        }
        String redisUrl = url.getScheme() + "://" + (url.getRawAuthority() == null ? "" : url.getRawAuthority())
                + (url.getRawPath() == null ? "" : url.getRawPath());
        Redis redis;
        try {
            redis = Redis.connect(redisUrl, timeout);
        } catch (RedisUnavailableException e) {
            throw new ChannelException(e.getMessage(), e);
        }
        try {
            return builder.ownedRedis(redis).build();
        } catch (RuntimeException e) {
            redis.close();
            throw e instanceof RedisUnavailableException ? new ChannelException(e.getMessage(), e) : e;
        }
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = url.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("channel URL '" + url + "': parameter '" + pair
                        + "' is not name=value");
            }
            out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
