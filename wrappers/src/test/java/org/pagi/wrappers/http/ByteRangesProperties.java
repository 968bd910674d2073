package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class ByteRangesProperties {

    @Property
    void anyStringGivesAResult(@ForAll String header, @ForAll @LongRange(min = 0, max = 1_000_000) long length) {
        check(ByteRanges.parse(header, length), length);
    }

    @Property(tries = 2000)
    void rangesAreWithinTheLengthSortedAndDisjoint(@ForAll("ranges") String header,
            @ForAll @LongRange(min = 0, max = 2_000) long length) {
        check(ByteRanges.parse(header, length), length);
    }

    @Property
    void everyRequestedSatisfiableByteIsServedAndNoOther(@ForAll("specs") List<long[]> specs,
            @ForAll @LongRange(min = 1, max = 300) long length) {
        StringBuilder header = new StringBuilder("bytes=");
        boolean[] wanted = new boolean[(int) length];
        for (long[] s : specs) {
            long first = Math.min(s[0], s[1]);
            long last = Math.max(s[0], s[1]);
            header.append(first).append('-').append(last).append(',');
            for (long b = first; b <= Math.min(last, length - 1); b++) {
                wanted[(int) b] = true;
            }
        }
        RangeResult result = ByteRanges.parse(header.toString(), length);
        boolean[] served = new boolean[(int) length];
        if (result instanceof RangeResult.Partial p) {
            p.ranges().forEach(r -> {
                for (long b = r.first(); b <= r.last(); b++) {
                    served[(int) b] = true;
                }
            });
        }
        assertTrue(java.util.Arrays.equals(wanted, served), header::toString);
        boolean any = false;
        for (boolean w : wanted) {
            any |= w;
        }
        assertEquals(any, result instanceof RangeResult.Partial, header::toString);
    }

    private static void check(RangeResult result, long length) {
        switch (result) {
            case RangeResult.Full f -> { }
            case RangeResult.Unsatisfiable u -> assertEquals(length, u.completeLength());
            case RangeResult.Partial p -> {
                assertTrue(p.ranges().size() <= ByteRanges.MAX_RANGES);
                long end = -2;
                for (ByteRange r : p.ranges()) {
                    assertTrue(r.first() > end + 1, "sorted, disjoint and not adjacent: " + p.ranges());
                    assertTrue(r.last() < length, "within the length: " + p.ranges());
                    end = r.last();
                }
            }
        }
    }

    @Provide
    Arbitrary<String> ranges() {
        Arbitrary<String> number = Arbitraries.longs().between(0, 3_000).map(String::valueOf);
        Arbitrary<String> spec = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(number, number).as((a, b) -> a + "-" + b),
                number.map(n -> n + "-"),
                number.map(n -> "-" + n),
                Arbitraries.strings().withChars("0123456789-, x").ofMaxLength(6));
        return spec.list().ofMaxSize(120).map(l -> "bytes=" + String.join(",", l));
    }

    @Provide
    Arbitrary<List<long[]>> specs() {
        return net.jqwik.api.Combinators.combine(Arbitraries.longs().between(0, 400), Arbitraries.longs().between(0, 400))
                .as((a, b) -> new long[] {a, b}).list().ofMinSize(1).ofMaxSize(20);
    }
}
