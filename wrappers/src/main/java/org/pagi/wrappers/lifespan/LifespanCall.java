package org.pagi.wrappers.lifespan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.pagi.spec.Application;
import org.pagi.spec.LifespanScope;
import org.pagi.spec.Receive;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.spec.order.LifespanOrder;

/**
 * One run of the lifespan protocol for a {@link Lifespan}: talks to the server on one side and acts as the
 * server for the wrapped application on the other (its events checked with {@link LifespanOrder}).
 */
final class LifespanCall {
    private static final System.Logger LOG = System.getLogger(Lifespan.class.getName());

    /** What the wrapped application answered; {@code message} is null unless it failed. */
    private record Answer(boolean declined, String message) {
        static final Answer OK = new Answer(false, null);
    }

    private final Application app;
    private final List<Hook> startup;
    private final List<Hook> shutdown;
    private final Duration timeout;
    private final LifespanScope scope;
    private final Receive receive;
    private final Send send;

    private final LifespanOrder innerOrder = new LifespanOrder();
    private final AtomicInteger innerReceives = new AtomicInteger();
    private final CompletableFuture<Event> shutdownForInner = new CompletableFuture<>();
    private final CompletableFuture<Answer> innerStartup = new CompletableFuture<>();
    private final CompletableFuture<Answer> innerShutdown = new CompletableFuture<>();
    private final CompletableFuture<String> innerReturned = new CompletableFuture<>(); // its failure, or null

    LifespanCall(Application app, List<Hook> startup, List<Hook> shutdown, Duration timeout, LifespanScope scope,
            Receive receive, Send send) {
        this.app = app;
        this.startup = startup;
        this.shutdown = shutdown;
        this.timeout = timeout;
        this.scope = scope;
        this.receive = receive;
        this.send = send;
    }

    CompletionStage<Void> run() {
        return receive.receive().thenCompose(first -> {
            if (!(first instanceof LifespanStartup)) {
                throw new IllegalStateException("a lifespan call starts with lifespan.startup, got " + first.type());
            }
            return startupHooks(0);
        });
    }

    private CompletionStage<Void> startupHooks(int index) {
        if (index == startup.size()) {
            return startInner();
        }
        return startup.get(index).run(scope, timeout).thenCompose(failure -> failure == null
                ? startupHooks(index + 1)
                : failStartup(failure, index));
    }

    /** Cleans up after a failed startup (shutdown hooks whose preceding startup hooks all ran), then answers. */
    private CompletionStage<Void> failStartup(String failure, int completedStartups) {
        List<Hook> cleanup = shutdown.stream().filter(h -> h.startupsBefore() <= completedStartups).toList();
        return shutdownHooks(cleanup).thenCompose(cleanupFailures -> {
            List<String> all = new ArrayList<>();
            all.add(failure);
            all.addAll(cleanupFailures);
            return send.send(new LifespanStartupFailed(String.join("; ", all)));
        });
    }

    private CompletionStage<Void> startInner() {
        CompletionStage<Void> returned;
        try {
            returned = app.call(scope, this::innerReceive, this::innerSend);
        } catch (Throwable t) {
            returned = CompletableFuture.failedFuture(t);
        }
        if (returned == null) {
            returned = CompletableFuture.completedFuture(null);
        }
        returned.whenComplete((v, e) -> {
            // Returning before an answer declines lifespan; returning early after startup leaves nothing to stop.
            innerStartup.complete(new Answer(true, null));
            String failure = e == null ? null : "the application failed: " + Hook.describe(e);
            innerShutdown.complete(failure == null ? Answer.OK : new Answer(false, failure));
            innerReturned.complete(failure);
        });
        return innerStartup.thenCompose(answer -> {
            if (answer.message() != null) {
                return failStartup(answer.message(), startup.size());
            }
            if (answer.declined()) {
                LOG.log(System.Logger.Level.INFO, "the wrapped application does not support lifespan; its hooks"
                        + " still run");
            }
            return send.send(new LifespanStartupComplete())
                    .thenCompose(v -> receive.receive())
                    .thenCompose(event -> {
                        if (!(event instanceof LifespanShutdown)) {
                            throw new IllegalStateException("after lifespan.startup.complete only lifespan.shutdown"
                                    + " may arrive, got " + event.type());
                        }
                        return answer.declined() ? CompletableFuture.completedFuture(List.<String>of()) : stopInner();
                    })
                    .thenCompose(innerFailures -> shutdownHooks(shutdown).thenCompose(hookFailures -> {
                        List<String> all = new ArrayList<>(innerFailures);
                        all.addAll(hookFailures);
                        return send.send(all.isEmpty()
                                ? new LifespanShutdownComplete()
                                : new LifespanShutdownFailed(String.join("; ", all)));
                    }));
        });
    }

    /** Delivers lifespan.shutdown to the application and waits for its answer and its return. */
    private CompletionStage<List<String>> stopInner() {
        shutdownForInner.complete(new LifespanShutdown());
        return innerShutdown.thenCompose(answer -> innerReturned.thenApply(failure -> {
            List<String> failures = new ArrayList<>(2);
            if (answer.message() != null) {
                failures.add(answer.message());
            }
            if (failure != null && !failure.equals(answer.message())) {
                failures.add(failure);
            }
            return failures;
        }));
    }

    /** Runs {@code hooks} in reverse order, each even if an earlier one failed; yields the failure messages. */
    private CompletionStage<List<String>> shutdownHooks(List<Hook> hooks) {
        List<String> failures = new ArrayList<>();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = hooks.size() - 1; i >= 0; i--) {
            Hook hook = hooks.get(i);
            chain = chain.thenCompose(v -> hook.run(scope, timeout)).thenAccept(failure -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, failure);
                    failures.add(failure);
                }
            });
        }
        return chain.thenApply(v -> failures);
    }

    private CompletionStage<Event> innerReceive() {
        int n = innerReceives.getAndIncrement();
        if (n == 0) {
            LifespanStartup event = new LifespanStartup();
            innerOrder.received(event);
            return CompletableFuture.completedFuture(event);
        }
        if (n == 1) {
            return shutdownForInner.thenApply(event -> {
                innerOrder.received(event);
                return event;
            });
        }
        return CompletableFuture.failedFuture(
                new IllegalStateException("no lifespan event follows lifespan.shutdown"));
    }

    private CompletionStage<Void> innerSend(Event event) {
        try {
            innerOrder.send(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        switch (event) {
            case LifespanStartupComplete c -> innerStartup.complete(Answer.OK);
            case LifespanStartupFailed f -> innerStartup.complete(new Answer(false, f.message()));
            case LifespanShutdownComplete c -> innerShutdown.complete(Answer.OK);
            case LifespanShutdownFailed f -> innerShutdown.complete(new Answer(false, f.message()));
            default -> throw new IllegalStateException("unreachable: the order check accepts lifespan answers only");
        }
        return CompletableFuture.completedFuture(null);
    }
}
