package org.pagi.wrappers.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.pagi.spec.event.Event;
import org.pagi.wrappers.Blocking;

/**
 * The event loop behind {@link Context#on}, {@code onDefault}, {@code onError}, {@code stop} and {@code run}, in
 * both modes: {@link #runAsync()} composes stages, {@link #runBlocking()} loops on the calling thread. Handlers of
 * either kind work under either loop.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Context.class.getName());

    /** A registered handler: async or blocking, runnable under either loop. */
    private sealed interface Registered {
        CompletionStage<?> runAsync(Event event);

        void runBlocking(Event event) throws Exception;
    }

    private record Async(EventHandler handler) implements Registered {
        @Override
        public CompletionStage<?> runAsync(Event event) {
            return Objects.requireNonNull(handler.handle(event), "the event handler returned null, not a stage");
        }

        @Override
        public void runBlocking(Event event) {
            Blocking.await(runAsync(event));
        }
    }

    private record Sync(BlockingEventHandler handler) implements Registered {
        @Override
        public CompletionStage<?> runAsync(Event event) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofVirtual().name("pagi-context-handler").start(() -> {
                try {
                    handler.handle(event);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            return done;
        }

        @Override
        public void runBlocking(Event event) throws Exception {
            handler.handle(event);
        }
    }

    private final EventFeed feed;
    private final Function<Event, CompletionStage<?>> beforeTerminal;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    // Guarded by this.
    private final Map<String, List<Registered>> handlers = new LinkedHashMap<>();
    private final List<Registered> defaults = new ArrayList<>();
    private final List<ErrorHandler> errorHandlers = new ArrayList<>();

    /** @param beforeTerminal lets the wrapper take in the disconnect before any handler sees it */
    Dispatcher(EventFeed feed, Function<Event, CompletionStage<?>> beforeTerminal) {
        this.feed = feed;
        this.beforeTerminal = beforeTerminal;
    }

    synchronized void on(String type, EventHandler handler) {
        add(type, new Async(Objects.requireNonNull(handler, "handler")));
    }

    synchronized void on(String type, BlockingEventHandler handler) {
        add(type, new Sync(Objects.requireNonNull(handler, "handler")));
    }

    private void add(String type, Registered handler) {
        Objects.requireNonNull(type, "event type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("an event type must not be blank");
        }
        handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
    }

    synchronized void onDefault(EventHandler handler) {
        defaults.add(new Async(Objects.requireNonNull(handler, "handler")));
    }

    synchronized void onDefault(BlockingEventHandler handler) {
        defaults.add(new Sync(Objects.requireNonNull(handler, "handler")));
    }

    synchronized void onError(ErrorHandler handler) {
        errorHandlers.add(Objects.requireNonNull(handler, "handler"));
    }

    void stop() {
        stopped = true;
        feed.cancel(EventFeed.Reader.DISPATCHER);
    }

    boolean isRunning() {
        return running.get();
    }

    /** The handlers for {@code event}, copied: one registered while dispatching counts from the next event. */
    private synchronized List<Registered> handlersFor(Event event) {
        List<Registered> exact = handlers.get(event.type());
        if (exact != null) {
            return List.copyOf(exact);
        }
        return feed.isTerminal(event) ? List.of() : List.copyOf(defaults);
    }

    private void begin() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("run() is already running on this context; stop() it or wait for it");
        }
        stopped = false;
    }

    private RunEnd end(RunEnd why) {
        stopped = false;
        running.set(false);
        return why;
    }

    // ---- async ----

    CompletionStage<RunEnd> runAsync() {
        begin();
        CompletableFuture<RunEnd> done = new CompletableFuture<>();
        drive(done);
        return done;
    }

    /** Runs steps until one ends the loop; a step that completes later resumes here, so the stack stays flat. */
    private void drive(CompletableFuture<RunEnd> done) {
        while (true) {
            CompletableFuture<Optional<RunEnd>> step;
            try {
                step = step().toCompletableFuture();
            } catch (RuntimeException e) {
                step = CompletableFuture.failedFuture(e);
            }
            if (!step.isDone()) {
                step.whenComplete((r, e) -> {
                    if (!after(done, r, e)) {
                        drive(done);
                    }
                });
                return;
            }
            if (after(done, step.getNow(Optional.empty()), null)) {
                return;
            }
        }
    }

    /** @return whether the loop ended (else the caller steps again; from a callback, this drives) */
    private boolean after(CompletableFuture<RunEnd> done, Optional<RunEnd> result, Throwable failure) {
        if (failure != null) {
            report(unwrap(failure), ErrorSource.HANDLER); // a fault of the loop itself; never expected
            done.complete(end(RunEnd.ERROR));
            return true;
        }
        if (result.isPresent()) {
            done.complete(end(result.get()));
            return true;
        }
        return false;
    }

    private CompletionStage<Optional<RunEnd>> step() {
        if (stopped) {
            return CompletableFuture.completedFuture(Optional.of(RunEnd.STOP));
        }
        CompletableFuture<Event> next = feed.take(EventFeed.Reader.DISPATCHER);
        CompletableFuture<Optional<RunEnd>> result = new CompletableFuture<>();
        next.whenComplete((event, failure) -> {
            if (failure != null) {
                report(unwrap(failure), ErrorSource.RECEIVE);
                result.complete(Optional.of(RunEnd.ERROR));
            } else if (event == null) {
                result.complete(Optional.of(RunEnd.STOP));
            } else {
                dispatchAsync(event).whenComplete((v, e) -> result.complete(outcome(event)));
            }
        });
        return result;
    }

    private CompletionStage<Void> dispatchAsync(Event event) {
        CompletionStage<?> chain = feed.isTerminal(event)
                ? guarded(() -> beforeTerminal.apply(event)).handle((v, e) -> null)
                : CompletableFuture.completedFuture(null);
        for (Registered handler : handlersFor(event)) {
            chain = chain.thenCompose(v -> guarded(() -> handler.runAsync(event)).handle((x, e) -> {
                if (e != null) {
                    report(unwrap(e), ErrorSource.HANDLER);
                }
                return null;
            }));
        }
        return chain.thenApply(v -> null);
    }

    private static CompletionStage<?> guarded(java.util.function.Supplier<CompletionStage<?>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Optional<RunEnd> outcome(Event event) {
        if (feed.isTerminal(event)) {
            return Optional.of(RunEnd.DISCONNECT);
        }
        return stopped ? Optional.of(RunEnd.STOP) : Optional.empty();
    }

    // ---- blocking ----

    RunEnd runBlocking() {
        Blocking.requireBlockingAllowed();
        begin();
        while (true) {
            if (stopped) {
                return end(RunEnd.STOP);
            }
            Event event;
            try {
                event = Blocking.await(feed.take(EventFeed.Reader.DISPATCHER));
            } catch (RuntimeException e) {
                report(unwrap(e), ErrorSource.RECEIVE);
                return end(RunEnd.ERROR);
            }
            if (event == null) {
                return end(RunEnd.STOP);
            }
            if (feed.isTerminal(event)) {
                try {
                    Blocking.await(beforeTerminal.apply(event));
                } catch (RuntimeException e) {
                    // the wrapper's own bookkeeping; its failure is reported by the wrapper
                }
            }
            for (Registered handler : handlersFor(event)) {
                try {
                    handler.runBlocking(event);
                } catch (Exception e) {
                    report(unwrap(e), ErrorSource.HANDLER);
                }
            }
            Optional<RunEnd> end = outcome(event);
            if (end.isPresent()) {
                return end(end.get());
            }
        }
    }

    // ---- errors ----

    private void report(Throwable error, ErrorSource source) {
        List<ErrorHandler> current;
        synchronized (this) {
            current = List.copyOf(errorHandlers);
        }
        if (current.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "context run(): " + describe(source), error);
            return;
        }
        for (ErrorHandler handler : current) {
            try {
                handler.handle(error, source);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "context onError handler failed", e);
            }
        }
    }

    private static String describe(ErrorSource source) {
        return switch (source) {
            case RECEIVE -> "reading the next event failed; the loop ends";
            case HANDLER -> "an event handler failed; the loop goes on";
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof Blocking.CheckedFailureException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
