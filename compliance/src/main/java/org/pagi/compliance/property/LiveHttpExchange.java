package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import org.pagi.spec.order.HttpOrder;

/**
 * The state of a stateful HTTP property: one exchange running on a host while a jqwik action chain drives its
 * application ({@link StepwiseApp}) one step at a time. The chain's invariant replays the trace after every step,
 * so a wrong verdict fails at the step that caused it, and shrinking removes the steps that did not matter.
 *
 * <p>Actions: a send of any event (legal or not), reading the request body (while the response is open, once),
 * awaiting the disconnect (once the response is complete, when it comes at once), returning, failing. The chain
 * ends after a return or a failure; {@link #finish} returns for the chain that did not.
 *
 * <p>Used by the test thread only; the host runs on a thread of its own.
 */
public final class LiveHttpExchange {
    private final StepwiseApp app;
    private final CompletableFuture<HttpSeen> seen;
    private final HttpOrder model = new HttpOrder(true);
    private final List<Step> steps = new ArrayList<>();
    private boolean bodyRead;
    private boolean ended;

    private LiveHttpExchange(StepwiseApp app, CompletableFuture<HttpSeen> seen) {
        this.app = app;
        this.seen = seen;
    }

    /** @return an exchange of {@code plan} just started on {@code host}, its application waiting for steps */
    public static LiveHttpExchange start(PagiHost host, HttpPlan plan) {
        StepwiseApp app = new StepwiseApp(Run.PATIENCE);
        CompletableFuture<HttpSeen> seen = new CompletableFuture<>();
        Thread.ofVirtual().name("live-http-client").start(() -> {
            try {
                seen.complete(host.http(app, plan));
            } catch (Throwable t) {
                seen.completeExceptionally(t);
            }
        });
        return new LiveHttpExchange(app, seen);
    }

    /** @return chains of up to 12 steps on exchanges made by {@code start} */
    public static ActionChainArbitrary<LiveHttpExchange> chains(Supplier<LiveHttpExchange> start) {
        return ActionChain.<LiveHttpExchange>startWith(start)
                .withAction(8, new SendAnything())
                .withAction(1, Action.<LiveHttpExchange>when(s -> !s.ended && (!s.bodyRead || s.complete()))
                        .describeAs("read the request body").justMutate(s -> s.step(new Step.ReadBody())))
                .withAction(1, Action.<LiveHttpExchange>when(s -> !s.ended && s.complete())
                        .describeAs("await the disconnect").justMutate(s -> s.step(new Step.AwaitDisconnect(1))))
                .withAction(1, Action.<LiveHttpExchange>when(s -> !s.ended)
                        .describeAs("return").justMutate(s -> s.step(new Step.Return())))
                .withAction(1, Action.<LiveHttpExchange>when(s -> !s.ended)
                        .describeAs("fail").justMutate(s -> s.step(new Step.Fail())))
                .withAction(1, Action.<LiveHttpExchange>when(s -> s.ended).just(Transformer.endOfChain()))
                .withMaxTransformations(12);
    }

    /** A send of any event an HTTP application might try. */
    private static final class SendAnything implements Action.Independent<LiveHttpExchange> {
        @Override
        public boolean precondition(LiveHttpExchange state) {
            return !state.ended;
        }

        @Override
        public Arbitrary<Transformer<LiveHttpExchange>> transformer() {
            return HttpScripts.anyStep().filter(s -> s instanceof Step.Send)
                    .map(s -> Transformer.mutate(s.toString(), state -> state.step(s)));
        }
    }

    private void step(Step s) {
        steps.add(s);
        if (s instanceof Step.Send send) {
            try {
                model.send(send.event());
            } catch (RuntimeException refused) {
                // the model only tracks what the application may rely on: the state stays
            }
        } else if (s instanceof Step.ReadBody) {
            bodyRead = true;
        }
        ended |= app.step(s).isPresent();
    }

    private boolean complete() {
        return model.current() == HttpOrder.State.COMPLETE;
    }

    /** @return the steps so far, as a script */
    public Script script() {
        return new Script(steps);
    }

    /** The invariant after every step: the trace so far replays cleanly through the spec's order machine. */
    public void requireLegalSteps() {
        if (steps.isEmpty()) {
            return; // the server may not have called the application yet
        }
        List<String> problems = Replay.of(app.trace()).problems();
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\nthe application's " + app.trace());
        }
    }

    /**
     * Ends the call (the application returns unless it already ended), waits for the client and the application.
     *
     * @return the whole run, for the client-side checks
     */
    public Run<HttpSeen> finish() {
        if (!ended) {
            step(new Step.Return());
        }
        HttpSeen client;
        try {
            client = seen.get(Run.END.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the client did not finish within " + Run.END + "\n" + app.trace());
        } catch (ExecutionException e) {
            throw new AssertionError("the host failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        app.trace().awaitEnd(Run.END);
        return new Run<>(client, new Script(steps), app.trace(), Replay.of(app.trace()));
    }

    @Override
    public String toString() {
        return "LiveHttpExchange[" + new Script(steps) + "\n" + app.trace() + "]";
    }
}
