package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.pagi.spec.event.LifespanShutdown;
import org.pagi.spec.event.LifespanShutdownComplete;
import org.pagi.spec.event.LifespanShutdownFailed;
import org.pagi.spec.event.LifespanStartup;
import org.pagi.spec.event.LifespanStartupComplete;
import org.pagi.spec.event.LifespanStartupFailed;
import org.pagi.spec.order.LifespanOrder;

/**
 * Random {@code lifespan} applications, legal and not. Every script first receives {@code lifespan.startup};
 * {@link #sanitize} keeps the second receive ({@code lifespan.shutdown}) only once startup completed, since the
 * server sends nothing else, and drops the sends between a completed startup and that receive: the server
 * delivers {@code lifespan.shutdown} whenever it stops, so whether such a send comes before or after it is a race.
 */
public final class LifespanScripts {
    private LifespanScripts() {
    }

    /** @return one step of any kind a lifespan application may try */
    public static Arbitrary<Step> anyStep() {
        Arbitrary<String> message = Arbitraries.of("", "database unreachable", "busy");
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Step.Send(new LifespanStartupComplete()))),
                Tuple.of(1, message.map(m -> new Step.Send(new LifespanStartupFailed(m)))),
                Tuple.of(2, Arbitraries.just(new Step.Send(new LifespanShutdownComplete()))),
                Tuple.of(1, message.map(m -> new Step.Send(new LifespanShutdownFailed(m)))),
                Tuple.of(1, Gen.stray("lifespan").map(Step.Send::new)),
                Tuple.of(2, Arbitraries.just(new Step.Receive())),
                Tuple.of(1, Arbitraries.of(new Step.Fail(), new Step.Return())));
    }

    /** @return a legal lifespan: startup answered, shutdown received and answered */
    public static Arbitrary<List<Step>> legal() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false)).as((ok, clean) -> List.of(
                new Step.Send(ok ? new LifespanStartupComplete() : new LifespanStartupFailed("no")),
                new Step.Receive(),
                new Step.Send(clean ? new LifespanShutdownComplete() : new LifespanShutdownFailed("no"))));
    }

    /** @return any application: random steps, or a legal lifespan with a few wrong moves */
    public static Arbitrary<Script> any() {
        Arbitrary<List<Step>> random = anyStep().list().ofMaxSize(8);
        Arbitrary<List<Step>> noisy = Gen.withNoise(legal(), anyStep());
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.oneOf(random, noisy).map(LifespanScripts::script)),
                Tuple.of(1, Arbitraries.just(Script.of(new Step.FailAtCall()))));
    }

    /** @return applications that return or fail without answering {@code lifespan.startup}: they decline lifespan */
    public static Arbitrary<Script> declining() {
        Arbitrary<Step> wrong = Arbitraries.oneOf(Arbitraries.just(new Step.Send(new LifespanShutdownComplete())),
                Gen.stray("lifespan").map(Step.Send::new));
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(wrong.list().ofMaxSize(2), Gen.ending()).as((w, end) -> {
                    List<Step> out = new ArrayList<>(w);
                    out.add(end);
                    return script(out);
                })),
                Tuple.of(1, Arbitraries.just(Script.of(new Step.FailAtCall()))));
    }

    private static Script script(List<Step> steps) {
        List<Step> all = new ArrayList<>();
        all.add(new Step.Receive());
        all.addAll(steps);
        return Gen.script(LifespanScripts::sanitize).apply(all);
    }

    /** See the class comment. The first step is the receive of {@code lifespan.startup}. */
    static List<Step> sanitize(List<Step> steps) {
        LifespanOrder order = new LifespanOrder();
        List<Step> out = new ArrayList<>();
        boolean shutdownReceived = false;
        boolean violationWhileStarting = false;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            LifespanOrder.State state = order.current();
            if (i == 0 && s instanceof Step.Receive) {
                order.received(new LifespanStartup());
                out.add(s);
            } else if (s instanceof Step.Receive) {
                // An in-process client stops at a violation during startup, so it would never send the shutdown.
                if (state == LifespanOrder.State.RUNNING && !shutdownReceived && !violationWhileStarting) {
                    order.received(new LifespanShutdown());
                    shutdownReceived = true;
                    out.add(s);
                }
            } else if (s instanceof Step.Send send) {
                if (state == LifespanOrder.State.RUNNING && !shutdownReceived) {
                    continue; // races the server's lifespan.shutdown
                }
                try {
                    order.send(send.event());
                } catch (RuntimeException illegal) {
                    violationWhileStarting |= state == LifespanOrder.State.STARTING;
                }
                out.add(s);
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
