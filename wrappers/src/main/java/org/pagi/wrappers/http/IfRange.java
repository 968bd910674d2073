package org.pagi.wrappers.http;

import java.time.Instant;
import java.util.Optional;
import org.pagi.spec.server.Ows;

/**
 * Evaluates {@code If-Range} (RFC 9110 section 13.1.5): whether a {@code Range} may be honoured, given the
 * representation's current validators. When it may not, the whole representation is sent with 200.
 *
 * <p>An entity-tag matches only by strong comparison: both tags strong and equal byte for byte, so a weak tag
 * ({@code W/"x"}) on either side never matches. A date matches only when it equals the {@code Last-Modified} to the
 * second. A value that is neither, or a validator the representation does not have, does not match.
 */
public final class IfRange {
    private IfRange() {
    }

    /**
     * @param ifRange      the {@code If-Range} field value, or empty when there is none
     * @param etag         the representation's {@code ETag}, such as {@code "abc"} or {@code W/"abc"}
     * @param lastModified the representation's {@code Last-Modified}
     * @return whether the {@code Range} header may be honoured (always, when there is no {@code If-Range})
     */
    public static boolean permitsRange(Optional<String> ifRange, Optional<String> etag, Optional<Instant> lastModified) {
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = Ows.trim(ifRange.get());
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return etag.isPresent() && isStrong(value) && value.equals(Ows.trim(etag.get()));
        }
        Optional<Instant> date = HttpDate.parse(value);
        return date.isPresent() && lastModified.isPresent()
                && date.get().getEpochSecond() == lastModified.get().getEpochSecond();
    }

    /**
     * @return {@link ByteRanges#parse} of {@code range} when {@code If-Range} permits it, else
     *     {@link RangeResult.Full}
     */
    public static RangeResult evaluate(Optional<String> range, Optional<String> ifRange, long length,
            Optional<String> etag, Optional<Instant> lastModified) {
        if (range.isEmpty() || !permitsRange(ifRange, etag, lastModified)) {
            return new RangeResult.Full();
        }
        return ByteRanges.parse(range.get(), length);
    }

    private static boolean isStrong(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") && tag.indexOf('"', 1) == tag.length() - 1;
    }
}
