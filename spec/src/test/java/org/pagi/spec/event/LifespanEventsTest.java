package org.pagi.spec.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The records of the {@code lifespan} scope. */
class LifespanEventsTest {

    @Nested
    class Types {
        @Test
        void everyRecordHasTheSpecType() {
            assertEquals("lifespan.startup", new LifespanStartup().type());
            assertEquals("lifespan.shutdown", new LifespanShutdown().type());
            assertEquals("lifespan.startup.complete", new LifespanStartupComplete().type());
            assertEquals("lifespan.startup.failed", new LifespanStartupFailed("").type());
            assertEquals("lifespan.shutdown.complete", new LifespanShutdownComplete().type());
            assertEquals("lifespan.shutdown.failed", new LifespanShutdownFailed("").type());
        }
    }

    @Nested
    class Failures {
        @Test
        void keepTheirMessage() {
            assertEquals("db down", new LifespanStartupFailed("db down").message());
            assertEquals("flush failed", new LifespanShutdownFailed("flush failed").message());
        }

        @Test
        void rejectANullMessage() {
            assertThrows(NullPointerException.class, () -> new LifespanStartupFailed(null));
            assertThrows(NullPointerException.class, () -> new LifespanShutdownFailed(null));
        }
    }
}
