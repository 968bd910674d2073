package org.pagi.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void readsBackPercentilesWithinOneSixtyFourth() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1_000); // 1 µs to 100 ms, evenly
        }
        assertEquals(100_000, h.count());
        assertClose(50_000_000, h.percentile(0.50));
        assertClose(99_000_000, h.percentile(0.99));
        assertClose(100_000_000, h.percentile(1.0));
    }

    @Test
    void keepsSmallValuesExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(-5);
        assertEquals(0, h.percentile(0.5));
        assertEquals(3, h.percentile(1.0));
    }

    @Test
    void putsHugeValuesInTheLastBucketAndAddsHistograms() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(Long.MAX_VALUE);
        b.record(1_000);
        a.add(b);
        assertEquals(2, a.count());
        assertClose(1_000, a.percentile(0.5));
        assertTrue(a.percentile(1.0) > 1_000_000_000_000L);
        a.clear();
        assertEquals(0, a.count());
        assertEquals(0, a.percentile(0.99));
    }

    @Test
    void bucketsAreContiguous() {
        int last = -1;
        for (long v = 0; v < 1 << 16; v++) {
            int i = LatencyHistogram.index(v);
            assertTrue(i == last || i == last + 1, "value " + v);
            last = i;
        }
    }

    private static void assertClose(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 64.0, "expected about " + expected + ", got " + actual);
    }
}
