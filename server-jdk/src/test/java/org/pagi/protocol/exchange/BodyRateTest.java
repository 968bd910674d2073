package org.pagi.protocol.exchange;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The body rate's arithmetic: only waiting time counts, the grace comes first, and 0 is off. */
class BodyRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void judgesTheAverageOverWaitingTimeOnceTheGraceIsOver() {
        BodyRate rate = new BodyRate();
        rate.waiting(true, 0);
        rate.arrived(900);
        assertFalse(rate.tooSlow(1000, 2 * SECOND, SECOND), "within the grace");
        assertTrue(rate.tooSlow(1000, 2 * SECOND, 2 * SECOND), "900 bytes in 2 s is under 1000 B/s");
        rate.arrived(1200);
        assertFalse(rate.tooSlow(1000, 2 * SECOND, 2 * SECOND), "2100 bytes in 2 s is over it");
    }

    @Test
    void timeNotWaitingDoesNotCount() {
        BodyRate rate = new BodyRate();
        rate.waiting(true, 0);
        rate.arrived(2000);
        rate.waiting(false, SECOND); // the application stopped reading
        assertFalse(rate.tooSlow(1000, SECOND, 100 * SECOND), "a paused body is never judged");
        rate.waiting(true, 100 * SECOND);
        assertFalse(rate.tooSlow(1000, SECOND, 100 * SECOND + SECOND / 2), "2000 bytes in 1.5 s of waiting");
        assertTrue(rate.tooSlow(1000, SECOND, 102 * SECOND), "2000 bytes in 3 s of waiting");
    }

    @Test
    void zeroIsOff() {
        BodyRate rate = new BodyRate();
        rate.waiting(true, 0);
        assertFalse(rate.tooSlow(0, SECOND, 100 * SECOND));
    }
}
