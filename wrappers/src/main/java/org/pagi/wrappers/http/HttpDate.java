package org.pagi.wrappers.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates in the IMF-fixdate form of RFC 9110 section 5.6.7: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
public final class HttpDate {
    // RFC_1123_DATE_TIME would print a one-digit day ("6 Nov"); IMF-fixdate wants two digits.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    /** @return {@code instant} as an IMF-fixdate, to the second (fractions dropped) */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** @return the instant of an IMF-fixdate, or empty when {@code text} is not one (obsolete forms included) */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.from(IMF_FIXDATE.parse(text.strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
