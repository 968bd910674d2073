package org.pagi.compliance.property;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;

/**
 * An application that runs a {@link Script} and records everything in a {@link Trace}: each send with how its
 * stage completed, each event received, how the call ended. It serves one call; a server calls it once.
 *
 * <p>The script runs on a virtual thread and waits for each stage in turn, so a failure can come at any step.
 * Every wait is bounded by {@code patience}: a receive or send that takes longer is recorded and ends the script
 * (the application then returns), so a server that never answers fails a try instead of hanging the suite.
 */
public final class ScriptedApp implements Application {
    private final Script script;
    private final Duration patience;
    private final Trace trace = new Trace();

    /**
     * @param script   what to do
     * @param patience how long any one receive or send may take
     */
    public ScriptedApp(Script script, Duration patience) {
        this.script = Objects.requireNonNull(script, "script");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /** @return what the application did and saw */
    public Trace trace() {
        return trace;
    }

    /** @return the script it runs */
    public Script script() {
        return script;
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        trace.called(scope);
        List<Step> steps = script.steps();
        if (!steps.isEmpty() && steps.getFirst() instanceof Step.FailAtCall) {
            trace.ended(Trace.End.FAILED);
            throw new ScriptedFailure("thrown from call() by step 0");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("scripted-app-" + scope.type()).start(() -> {
            Trace.End how;
            try {
                how = run(scope, receive, send);
            } catch (RuntimeException | Error unexpected) {
                trace.add(new Trace.ReceiveFailed(-1, "the script runner broke: " + unexpected));
                how = Trace.End.FAILED;
            }
            if (how == Trace.End.FAILED) {
                done.completeExceptionally(new ScriptedFailure("the stage completes exceptionally as scripted"));
            } else {
                done.complete(null);
            }
            trace.ended(how); // after the stage: whatever the server does on completion has begun
        });
        return done;
    }

    private Trace.End run(Scope scope, Receive receive, Send send) {
        StepRunner runner = new StepRunner(scope, receive, send, trace, patience);
        List<Step> steps = script.steps();
        for (int i = 0; i < steps.size(); i++) {
            Optional<Trace.End> end = runner.run(i, steps.get(i));
            if (end.isPresent()) {
                return end.get();
            }
        }
        return Trace.End.RETURNED;
    }
}
