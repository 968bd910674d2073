package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {
    private static final RangeResult FULL = new RangeResult.Full();

    private static RangeResult partial(long... ends) {
        ByteRange[] ranges = new ByteRange[ends.length / 2];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = new ByteRange(ends[2 * i], ends[2 * i + 1]);
        }
        return new RangeResult.Partial(List.of(ranges));
    }

    @Test
    void readsClosedOpenAndSuffixRanges() {
        assertEquals(partial(0, 499), ByteRanges.parse("bytes=0-499", 10_000));
        assertEquals(partial(9500, 9999), ByteRanges.parse("bytes=9500-", 10_000));
        assertEquals(partial(9500, 9999), ByteRanges.parse("bytes=-500", 10_000));
        assertEquals(partial(0, 0), ByteRanges.parse("bytes=0-0", 1));
    }

    @Test
    void cutsALastBytePastTheEndAndASuffixLongerThanTheRepresentation() {
        assertEquals(partial(5, 9), ByteRanges.parse("bytes=5-999", 10));
        assertEquals(partial(0, 9), ByteRanges.parse("bytes=-999", 10));
        assertEquals(partial(5, 9), ByteRanges.parse("bytes=5-99999999999999999999999", 10));
    }

    @Test
    void sortsAndMergesOverlappingAndAdjacentRanges() {
        assertEquals(partial(0, 9, 20, 29), ByteRanges.parse("bytes=20-29, 0-4,5-9", 100));
        assertEquals(partial(0, 14), ByteRanges.parse("bytes=0-9,5-14,3-4", 100));
        assertEquals(partial(0, 99), ByteRanges.parse("bytes=0-,-10", 100));
    }

    @Test
    void dropsUnsatisfiableRangesWhenAnotherIsSatisfiable() {
        assertEquals(partial(0, 4), ByteRanges.parse("bytes=500-600, 0-4, -0", 100));
    }

    @Test
    void isUnsatisfiableOnlyWhenNoRangeIs() {
        assertEquals(new RangeResult.Unsatisfiable(100), ByteRanges.parse("bytes=100-200", 100));
        assertEquals(new RangeResult.Unsatisfiable(100), ByteRanges.parse("bytes=-0", 100));
        assertEquals(new RangeResult.Unsatisfiable(0), ByteRanges.parse("bytes=0-", 0));
        assertEquals(new RangeResult.Unsatisfiable(0), ByteRanges.parse("bytes=-5", 0));
        assertEquals("bytes */100", new RangeResult.Unsatisfiable(100).contentRange());
    }

    @Test
    void theUnitIsCaseInsensitiveAndSpacesAroundCommasAreAllowed() {
        assertEquals(partial(0, 1, 5, 6), ByteRanges.parse(" Bytes=0-1 ,\t5-6 , ", 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=,", "items=0-1", "bytes=a-b", "bytes=5-1", "bytes=-",
            "bytes=1", "bytes=0-1;x", "bytes=+1-2", "bytes=0-1,junk", "bytes = 0-1", "bytes=0x1-2"})
    void ignoresAHeaderItCannotRead(String header) {
        assertEquals(FULL, ByteRanges.parse(header, 100));
    }

    @Test
    void noHeaderMeansTheWholeRepresentation() {
        assertEquals(FULL, ByteRanges.parse(Optional.empty(), 100));
        assertEquals(partial(0, 0), ByteRanges.parse(Optional.of("bytes=0-0"), 100));
    }

    @Test
    void ignoresAHeaderWithMoreThanAHundredRanges() {
        String hundred = "bytes=" + "0-0,".repeat(ByteRanges.MAX_RANGES);
        assertEquals(partial(0, 0), ByteRanges.parse(hundred, 10));
        assertEquals(FULL, ByteRanges.parse(hundred + "1-1", 10));
    }

    @Test
    void formatsContentRange() {
        assertEquals("bytes 0-499/1234", new ByteRange(0, 499).contentRange(1234));
        assertEquals(500, new ByteRange(0, 499).length());
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> ByteRanges.parse("bytes=0-1", -1));
        assertThrows(IllegalArgumentException.class, () -> new RangeResult.Partial(List.of()));
    }
}
