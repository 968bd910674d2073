package org.pagi.examples.backpressure;

import java.util.Map;

/**
 * The example's settings, as upstream's environment variables.
 *
 * @param enabled          {@code PAGI_BACKPRESSURE_TEST=1}: whether {@code /stream} streams (else 403)
 * @param chunkSize        {@code PAGI_CHUNK_SIZE}: bytes per {@code http.response.body} event, 1 or more
 * @param defaultMegabytes {@code PAGI_STREAM_MB}: what {@code /stream} sends, 1 to {@link #MAX_MEGABYTES}
 */
public record StreamOptions(boolean enabled, int chunkSize, int defaultMegabytes) {
    /** The largest stream, as upstream's cap: 1 GiB. */
    public static final int MAX_MEGABYTES = 1000;
    static final int DEFAULT_CHUNK_SIZE = 4096;
    static final int DEFAULT_MEGABYTES = 10;

    /** Refuses a bad value with a message naming the setting. */
    public StreamOptions {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("PAGI_CHUNK_SIZE must be 1 or more bytes, got " + chunkSize);
        }
        if (defaultMegabytes < 1 || defaultMegabytes > MAX_MEGABYTES) {
            throw new IllegalArgumentException(
                    "PAGI_STREAM_MB must be 1 to " + MAX_MEGABYTES + ", got " + defaultMegabytes);
        }
    }

    /** @return the settings read from {@code env}, upstream's defaults for what is unset */
    public static StreamOptions fromEnvironment(Map<String, String> env) {
        return new StreamOptions("1".equals(env.get("PAGI_BACKPRESSURE_TEST")),
                number(env, "PAGI_CHUNK_SIZE", DEFAULT_CHUNK_SIZE),
                number(env, "PAGI_STREAM_MB", DEFAULT_MEGABYTES));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
