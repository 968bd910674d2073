package org.pagi.jmh.load;

import java.util.Arrays;

/**
 * Counts durations in nanoseconds in log-linear buckets, 64 per power of two, so a percentile read back is
 * within 1/64 (1.6 %) of the true value, from 1 ns to about 18 minutes (longer ones land in the last bucket),
 * in 18 KiB whatever the number of samples. The idea is HdrHistogram's, with two significant digits and no
 * dependency.
 *
 * <p>Not thread-safe: one per connection, {@link #add}ed together at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** Records one duration; a negative one counts as 0. */
    void record(long nanos) {
        counts[index(Math.max(0, nanos))]++;
        total++;
    }

    /** Adds every sample of {@code other} to this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** Forgets every sample. */
    void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    /** @return how many durations were recorded */
    long count() {
        return total;
    }

    /**
     * @param fraction 0 to 1, e.g. 0.99
     * @return the duration that {@code fraction} of the samples do not exceed (the middle of its bucket), in
     *         nanoseconds; 0 when empty
     */
    long percentile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(BUCKETS - 1);
    }

    static int index(long nanos) {
        if (nanos < SUB) {
            return (int) nanos;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(nanos), MAX_EXPONENT);
        if (exponent == MAX_EXPONENT && nanos >= (1L << (MAX_EXPONENT + 1))) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** @return the middle of bucket {@code i}, in nanoseconds */
    static long middle(int i) {
        if (i < SUB) {
            return i;
        }
        int exponent = i / SUB + SUB_BITS - 1;
        long sub = i % SUB;
        long low = (SUB + sub) << (exponent - SUB_BITS);
        long width = 1L << (exponent - SUB_BITS);
        return low + width / 2;
    }
}
