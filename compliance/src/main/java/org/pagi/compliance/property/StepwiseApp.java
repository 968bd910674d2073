package org.pagi.compliance.property;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * An application driven one step at a time from the test thread, for stateful properties (jqwik action chains):
 * {@link #step} hands it a step and waits until it has been carried out, so the test can check the invariants
 * after every step while the server runs the exchange. Records everything in a {@link Trace}, as
 * {@link ScriptedApp} does.
 *
 * <p>An application left without a next step for longer than its patience returns on its own, so a chain that
 * fails halfway never leaves a call running.
 *
 * <p>Thread-safe: the test thread hands steps over, the application's thread carries them out.
 */
public final class StepwiseApp implements Application {
    private final Duration patience;
    private final Trace trace = new Trace();
    private final LinkedBlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Optional<Trace.End>> done = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> called = new CompletableFuture<>();

    /** @param patience how long one receive or send may take, and how long to wait for the next step */
    public StepwiseApp(Duration patience) {
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /** @return what the application did and saw */
    public Trace trace() {
        return trace;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        trace.called(scope);
        called.complete(null);
        CompletableFuture<Void> stage = new CompletableFuture<>();
        Thread.ofVirtual().name("stepwise-app-" + scope.type()).start(() -> {
            StepRunner runner = new StepRunner(scope, receive, send, trace, patience);
            Trace.End how = Trace.End.RETURNED;
            for (int i = 0; ; i++) {
                Step next;
                try {
                    next = steps.poll(patience.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (next == null) {
                    break; // abandoned: return
                }
                Optional<Trace.End> end = runner.run(i, next);
                done.add(end);
                if (end.isPresent()) {
                    how = end.get();
                    break;
                }
            }
            if (how == Trace.End.FAILED) {
                stage.completeExceptionally(new ScriptedFailure("the stage completes exceptionally as told"));
            } else {
                stage.complete(null);
            }
            trace.ended(how);
        });
        return stage;
    }

    /**
     * Carries out {@code step} and waits until it is done.
     *
     * @return how the call ended with it, or empty when it goes on
     * @throws AssertionError if the server never called the application, or the step took too long
     */
    public Optional<Trace.End> step(Step step) {
        if (step instanceof Step.FailAtCall) {
            throw new IllegalArgumentException("a stepwise application runs already; it cannot throw from call()");
        }
        try {
            called.get(Run.END.toNanos(), TimeUnit.NANOSECONDS);
            steps.add(step);
            Optional<Trace.End> end = done.poll(Run.END.toNanos(), TimeUnit.NANOSECONDS);
            if (end == null) {
                throw new AssertionError("the application did not carry out " + step + " within " + Run.END + "\n"
                        + trace);
            }
            return end;
        } catch (TimeoutException e) {
            throw new AssertionError("the server never called the application within " + Run.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
