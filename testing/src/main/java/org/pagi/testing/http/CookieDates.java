package org.pagi.testing.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a cookie {@code Expires} date with the lenient algorithm of RFC 6265 section 5.1.1, which accepts the
 * IMF-fixdate of RFC 9110 as well as the obsolete RFC 850 and asctime forms that servers still send.
 *
 * <p>Stateless and thread-safe.
 */
final class CookieDates {
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private CookieDates() {
    }

    /** @return the instant {@code text} names, or empty when the algorithm fails */
    static Optional<Instant> parse(String text) {
        int[] time = null;
        int day = -1;
        int month = -1;
        int year = -1;
        for (String token : tokens(text)) {
            int[] t;
            int n;
            // RFC 6265 5.1.1: each token is tried against time, day-of-month, month and year, in that order.
            if (time == null && (t = time(token)) != null) {
                time = t;
            } else if (day < 0 && (n = digits(token, 1, 2)) >= 0) {
                day = n;
            } else if (month < 0 && (n = month(token)) >= 0) {
                month = n;
            } else if (year < 0 && (n = digits(token, 2, 4)) >= 0) {
                year = n;
            }
        }
        if (time == null || day < 0 || month < 0 || year < 0) {
            return Optional.empty();
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || year < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, time[0], time[1], time[2]).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty(); // a day the month lacks, such as 31 Feb
        }
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean delimiter = i == text.length() || isDelimiter(text.charAt(i));
            if (delimiter && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            } else if (!delimiter && start < 0) {
                start = i;
            }
        }
        return out;
    }

    /** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                || (c >= 0x7B && c <= 0x7E);
    }

    /** hms-time = time-field ":" time-field ":" time-field, then optionally a non-digit and anything. */
    private static int[] time(String token) {
        int[] out = new int[3];
        int pos = 0;
        for (int field = 0; field < 3; field++) {
            int end = pos;
            while (end < token.length() && end - pos < 2 && isDigit(token.charAt(end))) {
                end++;
            }
            if (end == pos) {
                return null;
            }
            out[field] = Integer.parseInt(token.substring(pos, end));
            if (field < 2) {
                if (end >= token.length() || token.charAt(end) != ':') {
                    return null;
                }
                end++;
            } else if (end < token.length() && isDigit(token.charAt(end))) {
                return null;
            }
            pos = end;
        }
        return out;
    }

    /** @return the value of a token of {@code min} to {@code max} leading digits not followed by a digit, or -1 */
    private static int digits(String token, int min, int max) {
        int end = 0;
        while (end < token.length() && isDigit(token.charAt(end))) {
            end++;
        }
        return end < min || end > max ? -1 : Integer.parseInt(token.substring(0, end));
    }

    /** month = ( "jan" / ... / "dec" ) *OCTET, case-insensitive; returns 1-12 or -1 */
    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
