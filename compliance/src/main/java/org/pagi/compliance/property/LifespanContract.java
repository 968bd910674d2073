package org.pagi.compliance.property;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;

/**
 * The laws of the {@code lifespan} scope, for any server that runs it (contract tests: implement {@link #host()}).
 */
public interface LifespanContract {

    /** @return the server under test */
    PagiHost host();

    private Run<LifespanSeen> run(Script script) {
        return Run.of(script, app -> host().lifespan(app));
    }

    /**
     * Whatever the application sends, each send completes normally exactly when {@code LifespanOrder} lets it
     * through (an answer to the event it is answering), and fails with the machine's exception otherwise.
     */
    @Property(tries = 300)
    default void everyLifespanSendGetsTheVerdictOfTheOrderMachine(@ForAll("lifespanAnyScript") Script script) {
        run(script).requireLegalSteps();
    }

    /**
     * The server sees the answers the order machine let through: {@code lifespan.startup.complete} or
     * {@code .failed} with its message, or none (lifespan declined) when the application returned or failed
     * first; the same for the shutdown, where the host can tell.
     */
    @Property(tries = 300)
    default void theServerSeesTheLifespanAnswersLetThrough(@ForAll("lifespanAnyScript") Script script) {
        Run<LifespanSeen> run = run(script);
        run.requireLegalSteps();
        run.seen().startup().ifPresent(s -> run.requireEqual(answer(run, true), s, "the startup answer"));
        run.seen().shutdown().ifPresent(s -> run.requireEqual(answer(run, false), s, "the shutdown answer"));
    }

    /** An application that returns or fails without answering {@code lifespan.startup} declines lifespan. */
    @Property(tries = 100)
    default void anApplicationThatEndsBeforeAnsweringStartupDeclinesLifespan(
            @ForAll("lifespanDeclining") Script script) {
        Run<LifespanSeen> run = run(script);
        run.requireLegalSteps();
        run.seen().startup().ifPresent(s -> run.requireEqual(LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.NONE), s,
                "the startup answer of an application that declined lifespan"));
    }

    private static LifespanSeen.Answer answer(Run<?> run, boolean startup) {
        for (Event e : run.replay().delivered()) {
            switch (e) {
                case LifespanStartupComplete c when startup -> {
                    return LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.COMPLETE);
                }
                case LifespanStartupFailed f when startup -> {
                    return new LifespanSeen.Answer(LifespanSeen.Answer.Kind.FAILED, f.message());
                }
                case LifespanShutdownComplete c when !startup -> {
                    return LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.COMPLETE);
                }
                case LifespanShutdownFailed f when !startup -> {
                    return new LifespanSeen.Answer(LifespanSeen.Answer.Kind.FAILED, f.message());
                }
                default -> {
                    // not the answer looked for
                }
            }
        }
        return LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.NONE);
    }

    /**
     * Inputs this host is known to get wrong, with the reason; they are left out of the random runs so that every
     * other input keeps being checked. Empty by default.
     *
     * @return why {@code script} is left out, or empty to run it
     */
    default Optional<String> knownLifespanDeviation(Script script) {
        return Optional.empty();
    }

    /** @return {@link LifespanScripts#any()}, less the known deviations */
    @Provide
    default Arbitrary<Script> lifespanAnyScript() {
        return LifespanScripts.any().filter(s -> knownLifespanDeviation(s).isEmpty());
    }

    /** @return {@link LifespanScripts#declining()}, less the known deviations */
    @Provide
    default Arbitrary<Script> lifespanDeclining() {
        return LifespanScripts.declining().filter(s -> knownLifespanDeviation(s).isEmpty());
    }
}
