package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IfRangeTest {
    private static final Optional<String> ETAG = Optional.of("\"v1\"");
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Optional<Instant> LAST_MODIFIED = Optional.of(MODIFIED);

    private static boolean permits(String ifRange, Optional<String> etag, Optional<Instant> lastModified) {
        return IfRange.permitsRange(Optional.of(ifRange), etag, lastModified);
    }

    @Test
    void noIfRangeAlwaysPermits() {
        assertTrue(IfRange.permitsRange(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void aStrongTagMustEqualTheCurrentStrongTag() {
        assertTrue(permits("\"v1\"", ETAG, LAST_MODIFIED));
        assertFalse(permits("\"v2\"", ETAG, LAST_MODIFIED));
        assertFalse(permits("\"V1\"", ETAG, LAST_MODIFIED));
        assertFalse(permits("\"v1\"", Optional.empty(), LAST_MODIFIED));
    }

    @Test
    void aWeakTagOnEitherSideNeverMatches() {
        assertFalse(permits("W/\"v1\"", Optional.of("W/\"v1\""), LAST_MODIFIED));
        assertFalse(permits("\"v1\"", Optional.of("W/\"v1\""), LAST_MODIFIED));
        assertFalse(permits("W/\"v1\"", ETAG, LAST_MODIFIED));
    }

    @Test
    void aDateMustEqualLastModifiedToTheSecond() {
        assertTrue(permits(HttpDate.format(MODIFIED), ETAG, LAST_MODIFIED));
        assertTrue(permits(HttpDate.format(MODIFIED), ETAG, Optional.of(MODIFIED.plusMillis(300))));
        assertFalse(permits(HttpDate.format(MODIFIED.minusSeconds(1)), ETAG, LAST_MODIFIED));
        assertFalse(permits(HttpDate.format(MODIFIED), ETAG, Optional.empty()));
    }

    @Test
    void aValueThatIsNeitherTagNorDateDoesNotMatch() {
        assertFalse(permits("yesterday", ETAG, LAST_MODIFIED));
        assertFalse(permits("\"v1", Optional.of("\"v1"), LAST_MODIFIED));
    }

    @Test
    void evaluateGivesTheRangesOnlyWhenIfRangeMatches() {
        Optional<String> range = Optional.of("bytes=0-9");
        assertEquals(new RangeResult.Partial(List.of(new ByteRange(0, 9))),
                IfRange.evaluate(range, Optional.of("\"v1\""), 100, ETAG, LAST_MODIFIED));
        assertEquals(new RangeResult.Full(), IfRange.evaluate(range, Optional.of("\"old\""), 100, ETAG, LAST_MODIFIED));
        assertEquals(new RangeResult.Full(), IfRange.evaluate(Optional.empty(), Optional.of("\"v1\""), 100, ETAG, LAST_MODIFIED));
        assertEquals(new RangeResult.Unsatisfiable(100),
                IfRange.evaluate(Optional.of("bytes=100-"), Optional.empty(), 100, ETAG, LAST_MODIFIED));
    }
}
