package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.DisconnectReason;

class ConnectionTrackerTest {

    private final ConnectionTracker tracker = new ConnectionTracker();
    private final List<String> log = new ArrayList<>();

    private boolean futureDone() {
        return tracker.disconnectFuture().toCompletableFuture().isDone();
    }

    @Nested
    class Initially {
        @Test
        void isConnectedWithNothingReported() {
            assertTrue(tracker.isConnected());
            assertEquals(Optional.empty(), tracker.disconnectReason());
            assertFalse(tracker.responseStarted());
            assertFalse(tracker.responseComplete());
            assertFalse(futureDone());
        }
    }

    @Nested
    class Disconnect {
        @Test
        void updatesStateInTheSpecOrderBeforeRunningCallbacks() {
            tracker.disconnectFuture().thenAccept(r -> log.add("future:" + r + ":connected=" + tracker.isConnected()
                    + ":reason=" + tracker.disconnectReason().orElseThrow()));
            tracker.onDisconnect(r -> log.add("callback:" + r + ":connected=" + tracker.isConnected()
                    + ":reason=" + tracker.disconnectReason().orElseThrow() + ":futureDone=" + futureDone()));

            assertTrue(tracker.disconnect(DisconnectReason.CLIENT_CLOSED));

            assertEquals(List.of(
                    "future:client_closed:connected=false:reason=client_closed",
                    "callback:client_closed:connected=false:reason=client_closed:futureDone=true"), log);
        }

        @Test
        void runsCallbacksInRegistrationOrder() {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                tracker.onDisconnect(r -> log.add("cb" + n));
            }
            tracker.disconnect(DisconnectReason.READ_ERROR);
            assertEquals(List.of("cb1", "cb2", "cb3", "cb4", "cb5"), log);
        }

        @Test
        void completesTheFutureWithTheReason() {
            tracker.disconnect(DisconnectReason.WRITE_TIMEOUT);
            assertEquals(DisconnectReason.WRITE_TIMEOUT, tracker.disconnectFuture().toCompletableFuture().join());
        }

        @Test
        void onlyTheFirstDisconnectCounts() {
            tracker.onDisconnect(r -> log.add("cb:" + r));
            assertTrue(tracker.disconnect(DisconnectReason.CLIENT_CLOSED));
            assertFalse(tracker.disconnect(DisconnectReason.SERVER_ERROR));
            assertEquals(Optional.of(DisconnectReason.CLIENT_CLOSED), tracker.disconnectReason());
            assertEquals(DisconnectReason.CLIENT_CLOSED, tracker.disconnectFuture().toCompletableFuture().join());
            assertEquals(List.of("cb:client_closed"), log);
        }

        @Test
        void aThrowingCallbackDoesNotStopTheOthers() {
            tracker.onDisconnect(r -> log.add("first"));
            tracker.onDisconnect(r -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            tracker.onDisconnect(r -> log.add("third"));
            assertTrue(tracker.disconnect(DisconnectReason.CLIENT_CLOSED));
            assertEquals(List.of("first", "third"), log);
        }

        @Test
        void aCallbackRegisteredAfterTheDisconnectRunsAtOnceWithTheReason() {
            tracker.disconnect(DisconnectReason.IDLE_TIMEOUT);
            tracker.onDisconnect(r -> log.add("late:" + r));
            assertEquals(List.of("late:idle_timeout"), log);
        }

        @Test
        void aLateThrowingCallbackIsContained() {
            tracker.disconnect(DisconnectReason.IDLE_TIMEOUT);
            tracker.onDisconnect(r -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            tracker.onDisconnect(r -> log.add("still runs"));
            assertEquals(List.of("still runs"), log);
        }

        @Test
        void completionCallbacksNeverRunAfterADisconnect() {
            tracker.onComplete(() -> log.add("complete-early"));
            tracker.disconnect(DisconnectReason.CLIENT_CLOSED);
            tracker.onComplete(() -> log.add("complete-late"));
            assertFalse(tracker.markResponseComplete());
            assertFalse(tracker.responseComplete());
            assertEquals(List.of(), log);
        }
    }

    @Nested
    class Completion {
        @Test
        void runsCompletionCallbacksInOrderAndMarksTheResponse() {
            tracker.onComplete(() -> log.add("a"));
            tracker.onComplete(() -> log.add("b"));
            assertTrue(tracker.markResponseComplete());
            assertEquals(List.of("a", "b"), log);
            assertTrue(tracker.responseComplete());
            assertTrue(tracker.responseStarted(), "a complete response has started");
        }

        @Test
        void completesOnlyOnce() {
            tracker.onComplete(() -> log.add("once"));
            assertTrue(tracker.markResponseComplete());
            assertFalse(tracker.markResponseComplete());
            assertEquals(List.of("once"), log);
        }

        @Test
        void aCallbackRegisteredAfterCompletionRunsAtOnce() {
            tracker.markResponseComplete();
            tracker.onComplete(() -> log.add("late"));
            assertEquals(List.of("late"), log);
        }

        @Test
        void aThrowingCompletionCallbackDoesNotStopTheOthers() {
            tracker.onComplete(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            tracker.onComplete(() -> log.add("second"));
            tracker.markResponseComplete();
            assertEquals(List.of("second"), log);
        }

        @Test
        void disconnectCallbacksNeverRunAfterCompletion() {
            tracker.onDisconnect(r -> log.add("early"));
            tracker.markResponseComplete();
            tracker.onDisconnect(r -> log.add("late"));
            assertFalse(tracker.disconnect(DisconnectReason.CLIENT_CLOSED));
            assertEquals(List.of(), log);
            assertEquals(Optional.empty(), tracker.disconnectReason());
            assertFalse(futureDone(), "the future completes only on an abnormal disconnect");
        }

        @Test
        void aDisconnectAfterCompletionStillMarksTheConnectionClosed() {
            tracker.markResponseComplete();
            tracker.disconnect(DisconnectReason.CLIENT_CLOSED);
            assertFalse(tracker.isConnected());
        }

        @Test
        void closeAfterCompletionClosesWithoutAReasonOrCallbacks() {
            tracker.onDisconnect(r -> log.add("disconnect"));
            tracker.markResponseComplete();
            tracker.closeAfterCompletion();
            assertFalse(tracker.isConnected());
            assertEquals(Optional.empty(), tracker.disconnectReason());
            assertEquals(List.of(), log);
        }

        @Test
        void markResponseStartedIsReported() {
            tracker.markResponseStarted();
            assertTrue(tracker.responseStarted());
            assertFalse(tracker.responseComplete());
        }
    }

    @Nested
    class Guarding {
        @Test
        void anApplicationCannotForgeADisconnectThroughTheFuture() {
            tracker.disconnectFuture().toCompletableFuture().complete(DisconnectReason.CLIENT_CLOSED);
            assertFalse(futureDone());
            assertTrue(tracker.isConnected());
        }

        @Test
        void exactlyOneOfCompleteAndDisconnectWinsARace() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 200; i++) {
                    ConnectionTracker t = new ConnectionTracker();
                    List<String> fired = java.util.Collections.synchronizedList(new ArrayList<>());
                    t.onComplete(() -> fired.add("complete"));
                    t.onDisconnect(r -> fired.add("disconnect"));
                    CountDownLatch go = new CountDownLatch(1);
                    Future<Boolean> completed = pool.submit(() -> {
                        go.await();
                        return t.markResponseComplete();
                    });
                    Future<Boolean> disconnected = pool.submit(() -> {
                        go.await();
                        return t.disconnect(DisconnectReason.CLIENT_CLOSED);
                    });
                    go.countDown();
                    boolean c = completed.get(10, TimeUnit.SECONDS);
                    boolean d = disconnected.get(10, TimeUnit.SECONDS);
                    assertTrue(c ^ d, "exactly one of the two may win, round " + i);
                    assertEquals(List.of(c ? "complete" : "disconnect"), fired);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void printsItsState() {
            assertEquals("ConnectionTracker[connected=true, reason=null, started=false, complete=false]",
                    tracker.toString());
        }

        @Test
        void aFutureTakenBeforeTheDisconnectCompletesWithIt() {
            CompletableFuture<DisconnectReason> waiting = tracker.disconnectFuture().toCompletableFuture();
            assertFalse(waiting.isDone());
            tracker.disconnect(DisconnectReason.QUEUE_OVERFLOW);
            assertEquals(DisconnectReason.QUEUE_OVERFLOW, waiting.getNow(null));
        }
    }
}
