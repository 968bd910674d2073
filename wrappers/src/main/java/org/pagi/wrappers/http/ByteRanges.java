package org.pagi.wrappers.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.server.Ows;

/**
 * Reads a {@code Range: bytes=...} header against a representation of known length (RFC 9110 section 14).
 *
 * <p>Accepted: {@code first-last}, open {@code first-}, suffix {@code -n}, several of them separated by commas
 * (spaces around commas allowed, the unit case-insensitive). A range whose first byte lies past the end, and a
 * suffix of 0, is unsatisfiable; a last byte past the end is cut to the end. The satisfiable ranges are sorted and
 * merged where they overlap or touch, so the result never sends a byte twice.
 *
 * <p>Decided here, as section 14.2 allows: a header that is not valid {@code bytes} syntax, names another unit,
 * or lists more than {@link #MAX_RANGES} ranges is ignored ({@link RangeResult.Full}: 200 with the whole body).
 * Ignoring a long list rather than answering 416 keeps a client that asked too much working while costing the
 * server no more than one plain response.
 */
public final class ByteRanges {
    /** The most ranges one header may list before it is ignored. */
    public static final int MAX_RANGES = 100;

    private static final RangeResult FULL = new RangeResult.Full();

    private ByteRanges() {
    }

    /**
     * @param rangeHeader the {@code Range} field value, or empty when there is none
     * @param length      the representation's length in bytes
     * @return what to send
     */
    public static RangeResult parse(Optional<String> rangeHeader, long length) {
        return rangeHeader.map(h -> parse(h, length)).orElse(FULL);
    }

    /**
     * @param rangeHeader the {@code Range} field value
     * @param length      the representation's length in bytes, not negative
     * @return what to send: never fails, bad syntax gives {@link RangeResult.Full}
     */
    public static RangeResult parse(String rangeHeader, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        String h = Ows.trim(rangeHeader);
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).equalsIgnoreCase("bytes")) {
            return FULL;
        }
        List<ByteRange> satisfiable = new ArrayList<>();
        int specs = 0;
        for (String piece : HeaderLists.split(h.substring(eq + 1), ',')) {
            String spec = Ows.trim(piece);
            if (spec.isEmpty()) {
                continue; // an empty list element is allowed by the list syntax (RFC 9110 section 5.6.1)
            }
            if (++specs > MAX_RANGES) {
                return FULL;
            }
            long[] bounds = bounds(spec);
            if (bounds == null) {
                return FULL;
            }
            resolve(bounds[0], bounds[1], length).ifPresent(satisfiable::add);
        }
        if (specs == 0) {
            return FULL;
        }
        return satisfiable.isEmpty() ? new RangeResult.Unsatisfiable(length) : new RangeResult.Partial(coalesce(satisfiable));
    }

    /** @return {first, last} with -1 for a missing end, or null when {@code spec} is not a range spec */
    private static long[] bounds(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = dash == 0 ? -1 : digits(spec.substring(0, dash));
        long last = dash == spec.length() - 1 ? -1 : digits(spec.substring(dash + 1));
        boolean bad = first == -2 || last == -2 || first == -1 && last == -1 || first >= 0 && last >= 0 && last < first;
        return bad ? null : new long[] {first, last};
    }

    /** @return the number, saturated at Long.MAX_VALUE, or -2 when {@code s} is not all ASCII digits */
    private static long digits(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }

    private static Optional<ByteRange> resolve(long first, long last, long length) {
        if (first < 0) { // suffix: the final `last` bytes
            return last == 0 || length == 0 ? Optional.empty() : Optional.of(new ByteRange(Math.max(0, length - last), length - 1));
        }
        if (first >= length) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(first, last < 0 ? length - 1 : Math.min(last, length - 1)));
    }

    private static List<ByteRange> coalesce(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::first));
        List<ByteRange> out = new ArrayList<>();
        ByteRange current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            ByteRange next = sorted.get(i);
            if (next.first() <= current.last() + 1) {
                current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return out;
    }
}
