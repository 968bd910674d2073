package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pagi.spec.event.EventType.LIFESPAN_SHUTDOWN_COMPLETE;
import static org.pagi.spec.event.EventType.LIFESPAN_SHUTDOWN_FAILED;
import static org.pagi.spec.event.EventType.LIFESPAN_STARTUP_COMPLETE;
import static org.pagi.spec.event.EventType.LIFESPAN_STARTUP_FAILED;

import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.spec.event.SseClose;

class LifespanOrderTest {

    private static final LifespanStartupComplete STARTED = new LifespanStartupComplete();
    private static final LifespanStartupFailed START_FAILED = new LifespanStartupFailed("no db");
    private static final LifespanShutdownComplete STOPPED = new LifespanShutdownComplete();
    private static final LifespanShutdownFailed STOP_FAILED = new LifespanShutdownFailed("flush");

    private final LifespanOrder order = new LifespanOrder();

    private void deliver(Event... events) {
        for (Event e : events) {
            assertEquals(Verdict.DELIVER, order.send(e), e.type());
        }
    }

    private IllegalEventOrderException rejected(Event event) {
        return assertThrows(IllegalEventOrderException.class, () -> order.send(event));
    }

    @Nested
    class LegalPaths {
        @Test
        void startupThenShutdownCompletes() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            assertEquals(LifespanOrder.State.RUNNING, order.current());
            order.received(new LifespanShutdown());
            deliver(STOPPED);
            assertEquals(LifespanOrder.State.STOPPED, order.current());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void aFailedStartupEndsTheLifespan() {
            order.received(new LifespanStartup());
            deliver(START_FAILED);
            assertEquals(LifespanOrder.State.FAILED, order.current());
            assertEquals(Ending.COMPLETE, order.finish());
        }

        @Test
        void aFailedShutdownEndsTheLifespan() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            order.received(new LifespanShutdown());
            deliver(STOP_FAILED);
            assertEquals(LifespanOrder.State.STOPPED, order.current());
        }
    }

    @Nested
    class IllegalTransitions {
        @Test
        void rejectsAnyAnswerBeforeStartupArrives() {
            IllegalEventOrderException e = rejected(STARTED);
            assertEquals("lifespan: expected no further event, got lifespan.startup.complete "
                    + "(nothing may be sent before lifespan.startup arrives) [state IDLE]", e.getMessage());
        }

        @Test
        void rejectsAShutdownAnswerDuringStartup() {
            order.received(new LifespanStartup());
            IllegalEventOrderException e = rejected(STOPPED);
            assertEquals("lifespan: expected lifespan.startup.complete or lifespan.startup.failed, "
                    + "got lifespan.shutdown.complete (the server is starting up; answer lifespan.startup first)"
                    + " [state STARTING]", e.getMessage());
            assertEquals(Set.of(LIFESPAN_STARTUP_COMPLETE, LIFESPAN_STARTUP_FAILED), e.expected());
        }

        @Test
        void rejectsAnythingWhileRunning() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            assertEquals("startup is complete; nothing may be sent until lifespan.shutdown", rejected(STARTED).rule());
            assertEquals("lifespan.shutdown.complete", rejected(STOPPED).got());
        }

        @Test
        void rejectsAStartupAnswerDuringShutdown() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            order.received(new LifespanShutdown());
            IllegalEventOrderException e = rejected(STARTED);
            assertEquals("the server is shutting down; answer lifespan.shutdown", e.rule());
            assertEquals(Set.of(LIFESPAN_SHUTDOWN_COMPLETE, LIFESPAN_SHUTDOWN_FAILED), e.expected());
        }

        @Test
        void rejectsAnythingAfterAFailedStartup() {
            order.received(new LifespanStartup());
            deliver(START_FAILED);
            assertEquals("startup failed; the lifespan is over", rejected(STARTED).rule());
        }

        @Test
        void rejectsASecondShutdownAnswer() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            order.received(new LifespanShutdown());
            deliver(STOPPED);
            assertEquals("shutdown was already answered; the lifespan is over", rejected(STOP_FAILED).rule());
        }
    }

    @Nested
    class Inbound {
        @Test
        void startupComesOnceFirst() {
            order.received(new LifespanStartup());
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> order.received(new LifespanStartup()));
            assertEquals(IllegalEventOrderException.Side.SERVER, e.side());
            assertEquals("lifespan.startup comes once, first", e.rule());
        }

        @Test
        void shutdownComesOnlyAfterACompletedStartup() {
            assertThrows(IllegalEventOrderException.class, () -> order.received(new LifespanShutdown()));
            order.received(new LifespanStartup());
            IllegalEventOrderException e = assertThrows(IllegalEventOrderException.class,
                    () -> order.received(new LifespanShutdown()));
            assertEquals("lifespan (server delivered): expected no further event, got lifespan.shutdown "
                    + "(lifespan.shutdown comes only after a completed startup) [state STARTING]", e.getMessage());
        }

        @Test
        void rejectsOtherProtocolsInbound() {
            assertThrows(IllegalArgumentException.class, () -> order.received(new HttpDisconnect()));
            assertThrows(IllegalArgumentException.class, () -> order.received(STARTED));
        }
    }

    @Nested
    class Endings {
        @Test
        void notStartedMeansTheApplicationDeclinedLifespan() {
            assertEquals(Ending.NOT_STARTED, order.finish());
            order.received(new LifespanStartup());
            assertEquals(Ending.NOT_STARTED, order.finish());
        }

        @Test
        void unfinishedWhileRunningOrStopping() {
            order.received(new LifespanStartup());
            deliver(STARTED);
            assertEquals(Ending.UNFINISHED, order.finish());
            order.received(new LifespanShutdown());
            assertEquals(Ending.UNFINISHED, order.finish());
        }
    }

    @Nested
    class AllowedSends {
        @Test
        void onlyWhileAnAnswerIsOwed() {
            assertEquals(Set.of(), order.allowedSends());
            order.received(new LifespanStartup());
            assertEquals(Set.of(LIFESPAN_STARTUP_COMPLETE, LIFESPAN_STARTUP_FAILED), order.allowedSends());
            deliver(STARTED);
            assertEquals(Set.of(), order.allowedSends());
            order.received(new LifespanShutdown());
            assertEquals(Set.of(LIFESPAN_SHUTDOWN_COMPLETE, LIFESPAN_SHUTDOWN_FAILED), order.allowedSends());
        }
    }

    @Nested
    class NoPeer {
        @Test
        void peerDisconnectChangesNothing() {
            order.peerDisconnected();
            assertEquals("IDLE", order.state());
            rejected(STARTED);
            order.received(new LifespanStartup());
            deliver(STARTED);
        }

        @Test
        void rejectsAnotherProtocolsEvent() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> order.send(new SseClose()));
            assertEquals("lifespan: sse.close is not an event an application can send on a lifespan scope; it sends "
                    + "[lifespan.shutdown.complete, lifespan.shutdown.failed, lifespan.startup.complete,"
                    + " lifespan.startup.failed]", e.getMessage());
        }

        @Test
        void reportsItsScopeType() {
            assertEquals("lifespan", order.scopeType());
        }
    }
}
