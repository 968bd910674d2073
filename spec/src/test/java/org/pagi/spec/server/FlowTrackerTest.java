package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlowTrackerTest {

    private final List<String> log = new ArrayList<>();

    /** High mark 100, low mark 20, with both callbacks logging. */
    private FlowTracker tracker() {
        FlowTracker t = new FlowTracker(100, 20);
        t.onHighWater(() -> log.add("high"));
        t.onDrain(() -> log.add("drain"));
        return t;
    }

    @Nested
    class Marks {
        @Test
        void defaultsTo64KiBAnd16KiB() {
            FlowTracker t = new FlowTracker();
            assertEquals(OptionalLong.of(65_536), t.highWaterMark());
            assertEquals(OptionalLong.of(16_384), t.lowWaterMark());
        }

        @Test
        void rejectsAHighMarkBelowOne() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FlowTracker(0, 0));
            assertEquals("highWaterMark must be 1 or more, got 0", e.getMessage());
        }

        @Test
        void rejectsANegativeLowMark() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FlowTracker(10, -1));
            assertEquals("lowWaterMark must be 0 to highWaterMark (10), got -1", e.getMessage());
        }

        @Test
        void rejectsALowMarkAboveTheHighMark() {
            assertThrows(IllegalArgumentException.class, () -> new FlowTracker(10, 11));
        }

        @Test
        void acceptsEqualMarks() {
            FlowTracker t = new FlowTracker(10, 10);
            t.onHighWater(() -> log.add("high"));
            t.onDrain(() -> log.add("drain"));
            t.queued(10);
            t.written(1);
            assertEquals(List.of("high", "drain"), log);
        }
    }

    @Nested
    class Hysteresis {
        @Test
        void staysQuietBelowTheHighMark() {
            FlowTracker t = tracker();
            t.queued(99);
            assertEquals(List.of(), log);
            assertFalse(t.isBackpressured());
            assertEquals(99, t.bufferedAmount());
        }

        @Test
        void firesHighWaterOnceOnReachingTheHighMark() {
            FlowTracker t = tracker();
            t.queued(60);
            t.queued(40);
            t.queued(500);
            assertEquals(List.of("high"), log);
            assertTrue(t.isBackpressured());
        }

        @Test
        void doesNotDrainWhileAtOrAboveTheLowMark() {
            FlowTracker t = tracker();
            t.queued(100);
            t.written(80);
            assertEquals(20, t.bufferedAmount());
            assertEquals(List.of("high"), log);
            assertTrue(t.isBackpressured(), "hovering at the low mark keeps backpressure on");
        }

        @Test
        void firesDrainOnceOnFallingBelowTheLowMark() {
            FlowTracker t = tracker();
            t.queued(100);
            t.written(81);
            t.written(10);
            t.written(9);
            assertEquals(List.of("high", "drain"), log);
            assertFalse(t.isBackpressured());
            assertEquals(0, t.bufferedAmount());
        }

        @Test
        void reArmsAfterADrain() {
            FlowTracker t = tracker();
            t.queued(100);
            t.written(100);
            t.queued(150);
            t.written(140);
            assertEquals(List.of("high", "drain", "high", "drain"), log);
        }

        @Test
        void doesNotDrainWithoutHavingBeenHigh() {
            FlowTracker t = tracker();
            t.queued(50);
            t.written(50);
            assertEquals(List.of(), log);
        }

        @Test
        void aZeroLowMarkDrainsWhenTheBufferEmpties() {
            FlowTracker t = new FlowTracker(10, 0);
            t.onDrain(() -> log.add("drain"));
            t.queued(10);
            t.written(9);
            assertEquals(List.of(), log);
            t.written(1);
            assertEquals(List.of("drain"), log);
        }
    }

    @Nested
    class Registration {
        @Test
        void aHighWaterCallbackRegisteredWhileAboveFiresAtOnceAndStaysRegistered() {
            FlowTracker t = new FlowTracker(100, 20);
            t.queued(100);
            t.onHighWater(() -> log.add("late-high"));
            assertEquals(List.of("late-high"), log);
            t.written(100);
            t.queued(100);
            assertEquals(List.of("late-high", "late-high"), log);
        }

        @Test
        void aHighWaterCallbackRegisteredBelowWaitsForTheCrossing() {
            FlowTracker t = new FlowTracker(100, 20);
            t.queued(50);
            t.onHighWater(() -> log.add("high"));
            assertEquals(List.of(), log);
            t.queued(50);
            assertEquals(List.of("high"), log);
        }

        @Test
        void aDrainCallbackNeverFiresAtRegistration() {
            FlowTracker t = new FlowTracker(100, 20);
            t.onDrain(() -> log.add("drain"));
            t.queued(100);
            t.onDrain(() -> log.add("drain2"));
            assertEquals(List.of(), log);
            t.written(100);
            assertEquals(List.of("drain", "drain2"), log);
        }

        @Test
        void callbacksRunInRegistrationOrderAndAThrowingOneDoesNotStopTheOthers() {
            FlowTracker t = new FlowTracker(10, 5);
            t.onHighWater(() -> log.add("one"));
            t.onHighWater(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            t.onHighWater(() -> log.add("three"));
            t.queued(10);
            assertEquals(List.of("one", "three"), log);
        }
    }

    @Nested
    class Counting {
        @Test
        void rejectsNegativeCounts() {
            FlowTracker t = tracker();
            assertThrows(IllegalArgumentException.class, () -> t.queued(-1));
            assertThrows(IllegalArgumentException.class, () -> t.written(-1));
        }

        @Test
        void rejectsWritingMoreThanWasQueued() {
            FlowTracker t = tracker();
            t.queued(5);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.written(6));
            assertEquals("wrote 6 bytes but only 5 were queued", e.getMessage());
            assertEquals(5, t.bufferedAmount());
        }

        @Test
        void rejectsOverflowingTheCount() {
            FlowTracker t = tracker();
            t.queued(Long.MAX_VALUE);
            assertThrows(ArithmeticException.class, () -> t.queued(1));
        }

        @Test
        void zeroCountsChangeNothing() {
            FlowTracker t = tracker();
            t.queued(0);
            t.written(0);
            assertEquals(0, t.bufferedAmount());
            assertEquals(List.of(), log);
        }
    }
}
