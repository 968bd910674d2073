package org.pagi.compliance.property;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.IllegalEventOrderException;

/**
 * The laws of the {@code http} scope, for any server (contract tests: implement {@link #host()} in a test class).
 * Each property runs random applications ({@link HttpScripts}) through the host and checks the application's side
 * against the spec's order machine ({@link Replay}) and the client's side against what the machine let through.
 */
public interface HttpContract {

    /** @return the server under test */
    PagiHost host();

    /**
     * Whatever the application sends, each send completes normally exactly when {@code HttpOrder} lets it
     * through, and fails with the machine's exception ({@code IllegalEventOrderException} for the wrong moment,
     * {@code IllegalArgumentException} for an event the scope cannot carry) otherwise; every event the server
     * delivers to the application is one it may deliver.
     */
    @Property(tries = 1000)
    default void everyHttpSendGetsTheVerdictOfTheOrderMachine(@ForAll("httpAnyScript") Script script,
            @ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, HttpPlan.staying(body)));
        run.requireLegalSteps();
    }

    /**
     * Whatever the application sends, the client sees one legal response made of exactly the events the order
     * machine let through: their status, headers, body and trailers when the response is complete; the 500
     * backstop when the application never started one; a broken (aborted) response when it started one and did
     * not finish it, whether it returned or failed.
     */
    @Property(tries = 1000)
    default void theHttpClientSeesOneLegalResponseMadeOfTheDeliveredEvents(
            @ForAll("httpAnyScript") Script script,
            @ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, HttpPlan.staying(body)));
        Statistics.label("ending").collect(run.replay().ending());
        requireResponseOfDelivered(run);
        Statistics.label("ending").coverage(c -> {
            c.check(Ending.COMPLETE).percentage(p -> p > 10);
            c.check(Ending.NOT_STARTED).percentage(p -> p > 10);
            c.check(Ending.UNFINISHED).percentage(p -> p > 5);
        });
    }

    /**
     * The stateful form of the two laws above: a jqwik action chain drives the application one step at a time
     * while the host runs the exchange, and after every step the trace so far must replay cleanly through
     * {@code HttpOrder}; at the end the client must see the response of the delivered events.
     */
    @Property(tries = 300)
    default void anHttpApplicationDrivenStepByStepStaysLegalAfterEveryStep(
            @ForAll("httpLiveChains") ActionChain<LiveHttpExchange> chain) {
        LiveHttpExchange end = chain.withInvariant("every send so far got the order machine's verdict", live -> {
            if (knownHttpDeviation(live.script()).isEmpty()) {
                live.requireLegalSteps();
            }
        }).run();
        Run<HttpSeen> run = end.finish();
        if (knownHttpDeviation(run.script()).isEmpty()) {
            run.requireLegalSteps();
            requireResponseOfDelivered(run);
        }
    }

    /** An application that returns or fails (either way) before {@code http.response.start} gets the client a 500. */
    @Property(tries = 150)
    default void anHttpApplicationThatEndsBeforeTheStartGetsTheClientA500(
            @ForAll("httpEndingBeforeStart") Script script,
            @ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, HttpPlan.staying(body)));
        run.requireLegalSteps();
        run.requireEqual(HttpSeen.Outcome.COMPLETE, run.seen().outcome(), "the backstop is a complete response");
        run.requireEqual(500, run.seen().status(), "the backstop's status");
    }

    /**
     * An application that started its response and returns or fails before it is complete (body still open, or
     * declared trailers never sent) leaves the client a broken response, never a clean one.
     */
    @Property(tries = 150)
    default void anHttpApplicationThatEndsMidResponseLeavesTheClientABrokenResponse(
            @ForAll("httpEndingMidResponse") Script script,
            @ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, HttpPlan.staying(body)));
        run.requireLegalSteps();
        run.requireEqual(HttpSeen.Outcome.ABORTED, run.seen().outcome(), "the client's view of a response cut short");
    }

    /**
     * Once the response is complete every further send fails with {@code IllegalEventOrderException} (or
     * {@code IllegalArgumentException} for an event the scope cannot carry), and the client's response is exactly
     * the complete one.
     */
    @Property(tries = 300)
    default void nothingIsSentAfterTheHttpResponseIsComplete(@ForAll("httpCompleteThenMore") Script script,
            @ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, HttpPlan.staying(body)));
        run.requireLegalSteps();
        boolean complete = false;
        for (Trace.Sent s : run.trace().sent()) {
            if (complete) {
                run.require(s.failure().isPresent() && (s.failure().get() instanceof IllegalEventOrderException
                        || s.failure().get() instanceof IllegalArgumentException),
                        "step " + s.step() + ": a send after the complete response must fail, got " + s);
            }
            complete |= s.event() instanceof HttpResponseTrailers
                    || s.event() instanceof HttpResponseBody b && !b.more() && !trailersDeclared(run);
        }
        requireResponseOfDelivered(run);
    }

    /** Every request body reaches the application intact, however the client split it. */
    @Property(tries = 300)
    default void everyRequestBodyReachesTheApplicationIntact(@ForAll("httpRequestBodies") List<Bytes> body) {
        Run<HttpSeen> run = Run.of(HttpScripts.answering(List.of()), app -> host().http(app, HttpPlan.staying(body)));
        run.requireLegalSteps();
        List<Event> received = run.trace().received();
        run.require(!received.isEmpty() && received.stream().allMatch(e -> e instanceof HttpRequest),
                "the application reads only http.request events until the body ends");
        run.require(received.stream().limit(received.size() - 1).allMatch(e -> ((HttpRequest) e).more())
                && !((HttpRequest) received.getLast()).more(), "every piece but the last has more = true");
        run.requireEqual(HttpPlan.staying(body).wholeBody(), received.stream().map(e -> ((HttpRequest) e).body())
                .reduce(Bytes.empty(), Bytes::concat), "the request body as the application read it");
        run.requireEqual(HttpSeen.Outcome.COMPLETE, run.seen().outcome(), "the response");
    }

    /** Every response body, sent in any pieces, reaches the client intact. */
    @Property(tries = 300)
    default void everyResponseBodyReachesTheClientIntact(@ForAll("httpResponseBodies") List<Bytes> pieces) {
        Run<HttpSeen> run = Run.of(HttpScripts.answering(pieces), app -> host().http(app, HttpPlan.staying(List.of())));
        run.requireLegalSteps();
        run.requireEqual(HttpSeen.Outcome.COMPLETE, run.seen().outcome(), "the response");
        run.requireEqual(200, run.seen().status(), "the status");
        run.requireEqual(pieces.stream().reduce(Bytes.empty(), Bytes::concat), run.seen().body(), "the body");
    }

    /**
     * A client that goes away at any point (mid-body, or with the whole request sent and the response still open)
     * yields one {@code http.disconnect} to an application that keeps receiving, handed out again on every later
     * receive and never followed by a body piece; {@code pagi.connection} already says the client is gone when
     * it arrives; and every send after it is a no-op that completes normally, even one the order machine would
     * otherwise refuse (an event the scope cannot carry at all still fails with {@code IllegalArgumentException}).
     */
    @Property(tries = 500)
    default void anHttpClientThatLeavesCausesOneDisconnectAndLaterSendsAreNoOps(
            @ForAll("httpAwaitingDeparture") Script script,
            @ForAll("httpLeavingClients") HttpPlan plan) {
        Run<HttpSeen> run = Run.of(script, app -> host().http(app, plan));
        run.requireEqual(HttpSeen.Outcome.LEFT, run.seen().outcome(), "the client's view (it left)");
        run.require(run.trace().entries().stream().noneMatch(e -> e instanceof Trace.ReceiveFailed),
                "every receive completes once the client left");
        List<Event> received = run.trace().received();
        int first = indexOfFirst(received, HttpDisconnect.class);
        run.require(first >= 0, "the application receives http.disconnect");
        run.require(received.subList(0, first).stream().allMatch(e -> e instanceof HttpRequest),
                "only body pieces come before the disconnect");
        run.require(received.subList(first, received.size()).stream().allMatch(e -> e instanceof HttpDisconnect),
                "after http.disconnect every receive yields http.disconnect again, never a body piece");
        Bytes read = received.subList(0, first).stream().map(e -> ((HttpRequest) e).body())
                .reduce(Bytes.empty(), Bytes::concat);
        Bytes sent = plan.wholeBody();
        run.require(read.length() <= sent.length() && sent.slice(0, read.length()).equals(read),
                "what the application read is a prefix of the body the client sent");
        Trace.Received disconnect = run.trace().entries().stream().filter(e -> e instanceof Trace.Received r
                && r.event() instanceof HttpDisconnect).map(e -> (Trace.Received) e).findFirst().orElseThrow();
        run.require(disconnect.connection().map(c -> !c.connected() && c.reason().isPresent()).orElse(false),
                "pagi.connection says the client is gone, with a reason, when http.disconnect arrives: "
                        + disconnect.connection());
        run.requireLegalSteps();
        for (Trace.Sent s : run.trace().sent()) {
            run.require(s.failure().isEmpty() || s.failure().get() instanceof IllegalArgumentException,
                    "step " + s.step() + ": every send of this application is legal or comes after the disconnect,"
                            + " so it completes normally (a no-op once the client is gone), got " + s);
        }
    }

    /** @return the index of the first {@code type} in {@code events}, or -1 */
    private static int indexOfFirst(List<Event> events, Class<? extends Event> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean trailersDeclared(Run<HttpSeen> run) {
        return run.replay().delivered().stream().anyMatch(e -> e instanceof HttpResponseStart s && s.trailers());
    }

    /** Checks the client's response against the delivered events and how the scope ended. */
    private static void requireResponseOfDelivered(Run<HttpSeen> run) {
        HttpSeen seen = run.seen();
        List<Event> delivered = run.replay().delivered();
        Optional<HttpResponseStart> start = delivered.stream().filter(e -> e instanceof HttpResponseStart)
                .map(e -> (HttpResponseStart) e).findFirst();
        Bytes body = delivered.stream().filter(e -> e instanceof HttpResponseBody)
                .map(e -> ((HttpResponseBody) e).body()).reduce(Bytes.empty(), Bytes::concat);
        switch (run.replay().ending()) {
            case NOT_STARTED -> {
                run.requireEqual(HttpSeen.Outcome.COMPLETE, seen.outcome(), "no start: the backstop, complete");
                run.requireEqual(500, seen.status(), "no start: the backstop's status");
            }
            case COMPLETE -> {
                run.requireEqual(HttpSeen.Outcome.COMPLETE, seen.outcome(), "a complete response");
                run.requireEqual(start.orElseThrow().status(), seen.status(), "the status");
                requireContains(run, start.get().headers(), seen.headers(), "headers");
                run.requireEqual(body, seen.body(), "the body");
                delivered.stream().filter(e -> e instanceof HttpResponseTrailers).findFirst()
                        .ifPresent(t -> requireContains(run, ((HttpResponseTrailers) t).headers(), seen.trailers(),
                                "trailers"));
            }
            case UNFINISHED -> {
                run.requireEqual(HttpSeen.Outcome.ABORTED, seen.outcome(), "a response started and not finished");
                if (seen.status() != 0) {
                    run.requireEqual(start.orElseThrow().status(), seen.status(), "the status of the broken response");
                }
            }
            case DISCONNECTED -> run.fail("the application received http.disconnect before its response was"
                    + " complete, yet the client never left");
        }
    }

    private static void requireContains(Run<?> run, Headers sent, Headers seen, String what) {
        for (Header h : sent) {
            run.require(seen.all(h.name()).contains(h.text()), "the client's " + what + " lack " + h.name() + ": "
                    + h.text() + " (got " + seen + ")");
        }
    }

    /**
     * Inputs this host is known to get wrong, with the reason; they are left out of the random runs (the stateful
     * property, whose steps are chosen as it runs, skips its checks for them instead) so that every other input
     * keeps being checked. Empty by default; an implementation that overrides it should name the rule broken and
     * the issue that tracks it.
     *
     * @return why {@code script} is left out, or empty to run it
     */
    default Optional<String> knownHttpDeviation(Script script) {
        return Optional.empty();
    }

    /** @return {@link HttpScripts#any()}, less the known deviations */
    @Provide
    default Arbitrary<Script> httpAnyScript() {
        return HttpScripts.any().filter(s -> knownHttpDeviation(s).isEmpty());
    }

    /** @return {@link HttpScripts#endingBeforeStart()}, less the known deviations */
    @Provide
    default Arbitrary<Script> httpEndingBeforeStart() {
        return HttpScripts.endingBeforeStart().filter(s -> knownHttpDeviation(s).isEmpty());
    }

    /** @return {@link HttpScripts#endingMidResponse()}, less the known deviations */
    @Provide
    default Arbitrary<Script> httpEndingMidResponse() {
        return HttpScripts.endingMidResponse().filter(s -> knownHttpDeviation(s).isEmpty());
    }

    /** @return {@link HttpScripts#completeThenMore()}, less the known deviations */
    @Provide
    default Arbitrary<Script> httpCompleteThenMore() {
        return HttpScripts.completeThenMore().filter(s -> knownHttpDeviation(s).isEmpty());
    }

    /** @return {@link HttpScripts#awaitingTheClientsDeparture()}, less the known deviations */
    @Provide
    default Arbitrary<Script> httpAwaitingDeparture() {
        return HttpScripts.awaitingTheClientsDeparture().filter(s -> knownHttpDeviation(s).isEmpty());
    }

    /** @return action chains on exchanges with this host, each with a random request body */
    @Provide
    default Arbitrary<ActionChain<LiveHttpExchange>> httpLiveChains() {
        return HttpScripts.requestBodies().flatMap(body -> LiveHttpExchange.chains(
                () -> LiveHttpExchange.start(host(), HttpPlan.staying(body))));
    }

    /** @return {@link HttpScripts#requestBodies()} */
    @Provide
    default Arbitrary<List<Bytes>> httpRequestBodies() {
        return HttpScripts.requestBodies();
    }

    /** @return response bodies: up to 8 pieces of up to 2 KiB, so framing meets larger writes too */
    @Provide
    default Arbitrary<List<Bytes>> httpResponseBodies() {
        return Arbitraries.oneOf(Gen.pieces(8, 16), Gen.pieces(8, 2048));
    }

    /** @return a request body and a point to leave at */
    @Provide
    default Arbitrary<HttpPlan> httpLeavingClients() {
        return HttpScripts.requestBodies().flatMap(HttpScripts::leaving);
    }
}
