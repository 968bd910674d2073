package org.pagi.examples.scaleout;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one instance is told by its environment.
 *
 * @param instance  this instance's name, shown in {@code x-instance} ({@code PAGI_INSTANCE}; default host name and
 *                  process id)
 * @param redisUrl  the shared store ({@code PAGI_REDIS_URL}, {@code redis://host:port}); empty: everything in
 *                  memory, for one instance
 * @param rateBurst requests a client may make to {@code /api/limited} before it is refused
 *                  ({@code PAGI_RATE_BURST}, default 5; one more every minute after that)
 */
record Settings(String instance, Optional<String> redisUrl, int rateBurst) {
    Settings {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(redisUrl, "redisUrl");
        if (rateBurst < 1) {
            throw new IllegalArgumentException("PAGI_RATE_BURST must be 1 or more, got " + rateBurst);
        }
    }

    static Settings from(Map<String, String> env) {
        String instance = env.getOrDefault("PAGI_INSTANCE",
                hostName() + "-" + ProcessHandle.current().pid());
        Optional<String> redis = Optional.ofNullable(env.get("PAGI_REDIS_URL")).filter(s -> !s.isBlank());
        String burst = env.getOrDefault("PAGI_RATE_BURST", "5");
        try {
            return new Settings(instance, redis, Integer.parseInt(burst.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PAGI_RATE_BURST must be a whole number, got '" + burst + "'", e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
