package org.pagi.protocol.exchange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The IMF-fixdate of the {@code Date} header (RFC 9110 section 5.6.7), formatted at most once per second: a
 * busy server formats the same second thousands of times otherwise. Thread-safe.
 */
public final class HttpDate {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private record Cached(long second, String text) {
    }

    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    /** @return the header value for the instant {@code epochMillis} */
    public String at(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.text();
    }
}
