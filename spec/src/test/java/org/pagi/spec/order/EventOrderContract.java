package org.pagi.spec.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;
import org.pagi.spec.event.SampleEvents;

/**
 * The laws every order machine obeys, written once as jqwik contract properties and run per machine by the
 * implementing {@code *OrderPropertiesTest} classes.
 *
 * <p>Each try drives a fresh machine through a random sequence of steps: sends of its own protocol's events
 * (most of them), sends of anything else (other protocols, receive events, an extension event), inbound events
 * of its protocol, and peer disconnects. Every step is recorded with what the machine said just before it, and
 * the laws are checked over that record. A failure prints the shrunk step list; jqwik prints the seed to
 * replay it.
 */
interface EventOrderContract {

    /** One thing that can happen to a machine. */
    sealed interface Step {
    }

    /** The application sends {@code event}. */
    record Send(Event event) implements Step {
    }

    /** The server hands {@code event} to the application. */
    record Receive(Event event) implements Step {
    }

    /** The client goes away. */
    record PeerDisconnect() implements Step {
    }

    /**
     * What the machine said around one step.
     *
     * @param result a {@link Verdict}, the exception thrown, or {@code null} for a receive that passed
     * @param finalBefore whether {@code finish()} said COMPLETE before the step and that COMPLETE is terminal
     */
    record Outcome(Step step, Set<EventType> allowedBefore, String stateBefore, Set<EventType> allowedAfter,
            String stateAfter, boolean finalBefore, Object result) {
    }

    /** @return a fresh machine; {@code extension} says whether its optional extension is advertised */
    EventOrder machine(boolean extension);

    /** @return the protocol of the machine's scope, e.g. {@code "http"} */
    String protocol();

    /**
     * @return whether a COMPLETE ending in the machine's current state means nothing more can be delivered. It
     *         does for every machine but SSE while streaming, where COMPLETE means "returning now ends the stream
     *         as {@code sse.close} would" (spec/docs/www.md, SSE event order), and the stream may still send.
     */
    default boolean completeIsTerminal(EventOrder order) {
        return true;
    }

    /** @return whether the scope has a peer whose departure turns sends into no-ops (all but lifespan) */
    default boolean hasPeer() {
        return true;
    }

    @Provide
    default Arbitrary<List<Step>> steps() {
        List<Event> own = SampleEvents.sendsOf(protocol());
        List<Event> foreign = SampleEvents.all().stream().filter(e -> !own.contains(e)).toList();
        List<Event> inbound = SampleEvents.receivesOf(protocol());
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(own).map(Send::new)),
                Tuple.of(2, Arbitraries.of(foreign).map(Send::new)),
                Tuple.of(4, Arbitraries.of(inbound).map(Receive::new)),
                Tuple.of(1, Arbitraries.just(new PeerDisconnect())));
        return step.list().ofMaxSize(25);
    }

    /** @return the verdict of a send, null for another step that passed, or the exception a step threw */
    private static Object apply(EventOrder order, Step step) {
        try {
            return switch (step) {
                case Send send -> order.send(send.event());
                case Receive receive -> {
                    order.received(receive.event());
                    yield null;
                }
                case PeerDisconnect p -> {
                    order.peerDisconnected();
                    yield null;
                }
            };
        } catch (RuntimeException e) {
            return e;
        }
    }

    private List<Outcome> run(boolean extension, List<Step> steps) {
        EventOrder order = machine(extension);
        List<Outcome> outcomes = new ArrayList<>();
        for (Step s : steps) {
            Set<EventType> allowed = order.allowedSends();
            String state = order.state();
            boolean finalBefore = order.finish() == Ending.COMPLETE && completeIsTerminal(order);
            Object result = apply(order, s);
            outcomes.add(new Outcome(s, allowed, state, order.allowedSends(), order.state(), finalBefore, result));
        }
        return outcomes;
    }

    @Property(tries = 300)
    default void everySendIsDeliveredIgnoredOrRejectedAsAnOrderOrArgumentError(@ForAll("steps") List<Step> steps,
            @ForAll boolean extension) {
        for (Outcome o : run(extension, steps)) {
            if (o.step() instanceof Send) {
                Object r = o.result();
                if (r instanceof IllegalEventOrderException e) {
                    assertEquals(IllegalEventOrderException.Side.APPLICATION, e.side(), o.toString());
                } else if (!(r instanceof Verdict) && !(r instanceof IllegalArgumentException)) {
                    fail("a send must give a Verdict, an IllegalEventOrderException or an IllegalArgumentException: "
                            + o);
                }
            } else if (o.result() != null) {
                IllegalEventOrderException e = assertInstanceOf(IllegalEventOrderException.class, o.result(),
                        o.toString());
                assertEquals(IllegalEventOrderException.Side.SERVER, e.side(), o.toString());
            }
        }
    }

    @Property(tries = 300)
    default void deliversOnlyWhatAllowedSendsListedJustBefore(@ForAll("steps") List<Step> steps,
            @ForAll boolean extension) {
        for (Outcome o : run(extension, steps)) {
            if (o.step() instanceof Send send && o.result() == Verdict.DELIVER) {
                assertTrue(o.allowedBefore().contains(send.event().kind()), o.toString());
            }
        }
    }

    @Property(tries = 300)
    default void deliversNothingOnceFinishSaidComplete(@ForAll("steps") List<Step> steps, @ForAll boolean extension) {
        boolean over = false;
        for (Outcome o : run(extension, steps)) {
            over |= o.finalBefore();
            if (over) {
                assertNotEquals(Verdict.DELIVER, o.result(), o.toString());
            }
        }
    }

    @Property(tries = 300)
    default void aRejectedStepChangesNothingAndNamesWhatWasAllowed(@ForAll("steps") List<Step> steps,
            @ForAll boolean extension) {
        for (Outcome o : run(extension, steps)) {
            if (o.result() instanceof RuntimeException) {
                assertEquals(o.stateBefore(), o.stateAfter(), o.toString());
                assertEquals(o.allowedBefore(), o.allowedAfter(), o.toString());
            }
            if (o.step() instanceof Send send && o.result() instanceof IllegalEventOrderException e) {
                assertEquals(o.allowedBefore(), e.expected(), o.toString());
                assertEquals(send.event().type(), e.got(), o.toString());
                assertEquals(protocol(), e.scopeType(), o.toString());
                assertEquals(o.stateBefore(), e.state(), o.toString());
            }
        }
    }

    @Property(tries = 300)
    default void onceThePeerLeftNoSendIsDeliveredOrAnOrderError(@ForAll("steps") List<Step> steps,
            @ForAll boolean extension) {
        boolean gone = false;
        for (Outcome o : run(extension, steps)) {
            if (o.step() instanceof PeerDisconnect) {
                if (hasPeer()) {
                    gone = true;
                } else {
                    assertEquals(o.stateBefore(), o.stateAfter(), "a lifespan has no peer: " + o);
                }
            }
            if (gone && o.step() instanceof Send) {
                assertTrue(o.result() == Verdict.IGNORE || o.result() instanceof IllegalArgumentException,
                        o.toString());
            }
        }
    }

    @Property(tries = 300)
    default void nothingIsOwedOrCompleteBeforeTheFirstDelivery(@ForAll("steps") List<Step> steps,
            @ForAll boolean extension) {
        EventOrder order = machine(extension);
        for (Step s : steps) {
            Object result = apply(order, s);
            if (result == Verdict.DELIVER) {
                return;
            }
            Ending ending = order.finish();
            assertTrue(ending == Ending.NOT_STARTED || ending == Ending.DISCONNECTED,
                    "before any delivery finish() was " + ending + " after " + s);
        }
    }
}
