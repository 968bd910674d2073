package org.pagi.server.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns option values into typed ones, with a message naming the option when the value is bad. Each method takes
 * the option name first so that every message starts with it. Stateless.
 */
final class Values {
    private Values() {
    }

    static int integer(String option, String value, int min, int max) throws UsageException {
        return (int) longValue(option, value, min, max);
    }

    static long longValue(String option, String value, long min, long max) throws UsageException {
        String expected = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "an integer " + min + " or more" : "an integer " + min + "-" + max;
        if (!value.matches("[0-9]{1,19}")) {
            throw bad(option, expected, value);
        }
        try {
            long v = Long.parseLong(value);
            if (v < min || v > max) {
                throw bad(option, expected, value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(option, expected, value);
        }
    }

    /** A number of seconds, with an optional fraction ({@code 5}, {@code 0.25}); zero only if allowed. */
    static Duration seconds(String option, String value, boolean zeroAllowed) throws UsageException {
        String expected = "a number of seconds " + (zeroAllowed ? "0 or more" : "greater than 0");
        if (!value.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
            throw bad(option, expected, value);
        }
        BigDecimal seconds = new BigDecimal(value);
        if (!zeroAllowed && seconds.signum() == 0) {
            throw bad(option, expected, value);
        }
        return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    }

    /** One of {@code choices}, any case. */
    static String choice(String option, String value, String... choices) throws UsageException {
        String v = value.toLowerCase(Locale.ROOT);
        for (String c : choices) {
            if (c.equals(v)) {
                return c;
            }
        }
        throw bad(option, "one of " + String.join(", ", choices), value);
    }

    static UsageException bad(String option, String expected, String got) {
        return new UsageException(option + ": expected " + expected + ", got '" + printable(got) + "'");
    }

    /** Keeps a message on one line whatever the user typed. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
