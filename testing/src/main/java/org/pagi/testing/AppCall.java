package org.pagi.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.pagi.spec.Application;
import org.pagi.spec.Scope;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.order.EventOrder;
import org.pagi.spec.order.Verdict;

/**
 * One running application call, driven from the test thread: the fake {@code receive} and {@code send} of the
 * test client.
 *
 * <h2>Theory of operation</h2>
 * The application runs on its own virtual thread, so an application that blocks (joins a {@code receive}
 * stage) cannot block the test; a client built with {@code runInline(true)} calls it on the test's thread
 * instead (see {@link #launch}). Inbound events the test pushes wait in a queue until the application asks for
 * them; a {@code receive} with nothing queued stays pending until the test pushes something. A disconnect event,
 * once delivered, is delivered again to every later {@code receive}, as a server does.
 *
 * <p>Every {@code send} passes the scope's {@link EventOrder} first. What the application does reaches the test
 * as a queue of {@link Signal}s: each delivered event, each order violation (the send also fails), and finally
 * the application's completion. The test reads them with {@link #next}, always with a timeout, so a broken
 * application fails a test instead of hanging the build.
 *
 * <p>Thread-safe: the application thread and the test thread meet only in the locked inbound state and in the
 * signal queue.
 *
 * <p>(Over 400 lines: the inbound queue, the signal queue, the two ways of launching the application and the
 * polling wait share one lock and one lifecycle; split across files, that lock would be too.)
 */
final class AppCall {

    /** What the application did, in order. */
    sealed interface Signal {
        /** The application sent an event and the order rules let it through. */
        record Sent(Event event) implements Signal {
        }

        /** The application sent an event it may not send; the send failed with {@code error}. */
        record Violation(RuntimeException error) implements Signal {
        }

        /** The application's stage completed; {@code failure} is null on success. */
        record Finished(Throwable failure) implements Signal {
        }
    }

    /**
     * How long the test thread keeps polling for the application's next signal before it parks. The application
     * usually answers within microseconds of being called or pushed an event, while parking and being woken
     * costs a system call on each side and then the scheduler's latency. The test thread yields its core while it
     * polls: on a machine with few cores the application's carrier thread may be waiting for exactly that core.
     * Bounded, so a slow or hung application costs one core for at most this long per wait, and then the usual
     * timed wait applies.
     */
    static final long POLL_BEFORE_PARK_NANOS = 50_000;

    // One thread factory per scope type (a factory is safe to share), not a new builder and name per call.
    private static final ConcurrentHashMap<String, ThreadFactory> THREADS = new ConcurrentHashMap<>();

    private final Scope scope;
    private final EventOrder order;
    private final Duration timeout;
    private final UnaryOperator<Event> prepare;
    private final Consumer<Event> onDelivered;
    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final ArrayDeque<Event> inbound = new ArrayDeque<>();
    private CompletableFuture<Event> pendingReceive;
    private Event terminal;
    private volatile Signal.Finished finished;
    private volatile Thread thread;
    private Thread inlineThread; // set before the application runs inline; never changes afterwards

    private AppCall(Scope scope, EventOrder order, Duration timeout, UnaryOperator<Event> prepare,
            Consumer<Event> onDelivered) {
        this.scope = scope;
        this.order = order;
        this.timeout = timeout;
        this.prepare = prepare;
        this.onDelivered = onDelivered;
    }

    /** Starts {@code app} on a virtual thread; every sent event reaches the test as it is. */
    static AppCall start(Application app, Scope scope, Duration timeout) {
        return start(app, scope, timeout, false);
    }

    /** Starts {@code app} on a virtual thread, or on this thread when {@code inline}; see {@link #launch}. */
    static AppCall start(Application app, Scope scope, Duration timeout, boolean inline) {
        return create(scope, timeout, UnaryOperator.identity(), e -> { }).launch(app, inline);
    }

    /** Starts {@code app} on a virtual thread, or on this thread when {@code inline}; see {@link #create}. */
    static AppCall start(Application app, Scope scope, Duration timeout, UnaryOperator<Event> prepare,
            Consumer<Event> onDelivered, boolean inline) {
        return create(scope, timeout, prepare, onDelivered).launch(app, inline);
    }

    /**
     * A call not started yet: events pushed now are queued for the application's first {@code receive}s.
     *
     * @param prepare     runs on the application thread for each sent event before the order check and returns
     *                    what the test will see (the HTTP exchange reads file bodies here); if it throws, the
     *                    send fails and the order state is unchanged, as on a server that cannot open a file
     * @param onDelivered runs on the application thread for each event the order rules deliver, before the
     *                    send completes (the HTTP exchange updates {@code pagi.connection} here)
     */
    static AppCall create(Scope scope, Duration timeout, UnaryOperator<Event> prepare, Consumer<Event> onDelivered) {
        return new AppCall(scope, EventOrder.forScope(scope), timeout, prepare, onDelivered);
    }

    /**
     * Calls {@code app}: on a new virtual thread, or with {@code inline} on this thread, which saves the thread
     * start and every hand-off between the test and the application (most of a round trip's cost). Inline, the
     * call returns to the test when the application's {@code call} returns; its stage may complete later, from
     * whatever thread completes it. An application that waits inside {@code call} for an event the test has not
     * pushed yet would wait for ever, so waiting on such a pending {@code receive} fails at once instead.
     */
    AppCall launch(Application app, boolean inline) {
        if (inline) {
            inlineThread = Thread.currentThread();
            run(app);
        } else {
            Thread t = THREADS.computeIfAbsent(scope.type(), AppCall::threadsFor).newThread(() -> run(app));
            thread = t;
            t.start();
        }
        return this;
    }

    private static ThreadFactory threadsFor(String scopeType) {
        return Thread.ofVirtual().name("pagi-test-app-" + scopeType).factory();
    }

    private void run(Application app) {
        CompletionStage<Void> stage;
        try {
            stage = app.call(scope, this::receive, this::send);
        } catch (Throwable t) {
            finish(t);
            return;
        }
        if (stage == null) {
            finish(new NullPointerException("Application.call returned null; it must return a CompletionStage"));
            return;
        }
        stage.whenComplete((v, t) -> finish(unwrap(t)));
    }

    private void finish(Throwable failure) {
        Signal.Finished f = new Signal.Finished(failure);
        finished = f;
        signals.add(f);
    }

    private CompletionStage<Event> receive() {
        synchronized (this) {
            Event next = inbound.poll();
            if (next != null) {
                deliver(next);
                return CompletableFuture.completedFuture(next);
            }
            if (terminal != null) {
                return CompletableFuture.completedFuture(terminal);
            }
            if (pendingReceive != null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "receive() called again before the previous receive() completed; await each receive first"));
            }
            pendingReceive = inlineThread == null ? new CompletableFuture<>() : new InlineReceive(inlineThread);
            return pendingReceive;
        }
    }

    private void deliver(Event event) {
        order.received(event);
        if (isTerminal(event)) {
            terminal = event;
        }
    }

    private CompletionStage<Void> send(Event event) {
        Event seen;
        try {
            seen = prepare.apply(event);
        } catch (RuntimeException e) {
            // The client cannot carry the event out (an unreadable file body, ...): the send fails, as it would
            // on a server, and the order state stays as it was.
            return CompletableFuture.failedFuture(e);
        }
        Verdict verdict;
        try {
            verdict = order.send(event);
        } catch (RuntimeException e) {
            signals.add(new Signal.Violation(e));
            return CompletableFuture.failedFuture(e);
        }
        if (verdict == Verdict.DELIVER) {
            onDelivered.accept(seen);
            signals.add(new Signal.Sent(seen));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Queues {@code event} for the application, or hands it to a pending {@code receive}. */
    void push(Event event) {
        CompletableFuture<Event> waiter;
        synchronized (this) {
            if (terminal != null) {
                return; // after a disconnect nothing new reaches the application
            }
            if (pendingReceive == null) {
                inbound.add(event);
                return;
            }
            waiter = pendingReceive;
            pendingReceive = null;
            deliver(event);
        }
        waiter.complete(event);
    }

    /**
     * Tells the order rules the client is gone (later sends are no-ops), then queues {@code disconnectEvent}
     * behind whatever the client sent before it left: what was accepted is still delivered.
     */
    void disconnect(Event disconnectEvent) {
        order.peerDisconnected();
        push(disconnectEvent);
    }

    /**
     * @param waitingFor what the test is waiting for, for the timeout message (e.g. "http.response.start")
     * @return the next signal; {@link Signal.Finished} again and again once the application completed
     * @throws PagiTestTimeoutException when nothing happens within the timeout
     */
    Signal next(String waitingFor) {
        return next(timeout, waitingFor);
    }

    Signal next(Duration wait, String waitingFor) {
        try {
            Signal s = take(wait.toNanos());
            if (s == null) {
                Signal.Finished f = finished;
                if (f != null) {
                    return f;
                }
                throw new PagiTestTimeoutException("timed out after %s waiting for %s on the %s scope: the application sent nothing more and did not return (order state %s)"
                        .formatted(wait, waitingFor, scope.type(), order.state()));
            }
            if (s instanceof Signal.Finished) {
                signals.add(s); // keep reporting completion
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted while waiting for " + waitingFor);
        }
    }

    /**
     * The next signal within {@code nanos}: at once when one is queued; else, when the application runs on its
     * own thread, by polling for at most {@link #POLL_BEFORE_PARK_NANOS}; else by a timed wait for the rest of
     * the time. Inline, nothing can arrive while the test's thread polls, so it does not.
     */
    private Signal take(long nanos) throws InterruptedException {
        Signal s = signals.poll();
        if (s != null || nanos <= 0) {
            return s;
        }
        long start = System.nanoTime();
        if (inlineThread == null) {
            long polling = Math.min(nanos, POLL_BEFORE_PARK_NANOS);
            do {
                Thread.yield();
                s = signals.poll();
            } while (s == null && System.nanoTime() - start < polling);
            if (s != null) {
                return s;
            }
        }
        return signals.poll(nanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
    }

    /** @return the next signal if one arrives within {@code wait}; null otherwise (no failure) */
    Signal poll(Duration wait) {
        try {
            Signal s = take(wait.toNanos());
            if (s instanceof Signal.Finished) {
                signals.add(s);
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Waits for the application to return, skipping anything else it still sends.
     *
     * @return how it finished
     * @throws PagiTestTimeoutException if it does not return within the timeout
     */
    Signal.Finished awaitFinish(String context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Signal s = left <= 0 ? null : poll(Duration.ofNanos(left));
            if (s instanceof Signal.Finished f) {
                return f;
            }
            if (s instanceof Signal.Violation v) {
                throw v.error();
            }
            if (s == null && System.nanoTime() >= deadline) {
                Signal.Finished f = finished;
                if (f != null) {
                    return f;
                }
                throw new PagiTestTimeoutException("timed out after %s waiting for the application to return %s; the returned stage is the end of the call, so it must complete"
                        .formatted(timeout, context));
            }
        }
    }

    /** @return whether the application has returned */
    boolean isFinished() {
        return finished != null;
    }

    /** @return the order rules of this call */
    EventOrder order() {
        return order;
    }

    /** @return the scope the application was called with */
    Scope scope() {
        return scope;
    }

    /** @return the configured timeout */
    Duration timeout() {
        return timeout;
    }

    /** Interrupts the application thread (used when a test gives up on a call). */
    void abandon() {
        Thread t = thread;
        if (t != null && finished == null) {
            t.interrupt();
        }
    }

    /**
     * A pending {@code receive} of an application the client runs inline. Only the test can complete it, so
     * waiting for it on the test's thread would never end: that fails at once, naming the way out.
     */
    private static final class InlineReceive extends CompletableFuture<Event> {
        private final Thread testThread;

        InlineReceive(Thread testThread) {
            this.testThread = testThread;
        }

        @Override
        public Event join() {
            refuseWaitOnTestThread();
            return super.join();
        }

        @Override
        public Event get() throws InterruptedException, ExecutionException {
            refuseWaitOnTestThread();
            return super.get();
        }

        @Override
        public Event get(long time, TimeUnit unit)
                throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            refuseWaitOnTestThread();
            return super.get(time, unit);
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>(); // stages derived from it may be waited for anywhere
        }

        private void refuseWaitOnTestThread() {
            if (!isDone() && Thread.currentThread() == testThread) {
                throw new IllegalStateException("the application waited for receive() inside call() on the test's"
                        + " own thread, where nothing can arrive: a client built with runInline(true) needs an"
                        + " application that returns a stage instead of waiting; use the default client for"
                        + " blocking applications");
            }
        }
    }

    private static boolean isTerminal(Event event) {
        return event instanceof HttpDisconnect || event instanceof WebSocketDisconnect || event instanceof SseDisconnect;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
