package org.pagi.compliance.property;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.SseClose;
import org.pagi.spec.event.SseDisconnect;
import org.pagi.spec.event.SseHttpResponseBody;
import org.pagi.spec.event.SseHttpResponseStart;
import org.pagi.spec.event.SseRequest;
import org.pagi.spec.event.SseSend;
import org.pagi.spec.event.SseStart;
import org.pagi.spec.order.Ending;

/**
 * The laws of the {@code sse} scope, for any server that runs it (contract tests: implement {@link #host()}).
 * Random applications come from {@link SseScripts}; the client reads the stream as a browser's
 * {@code EventSource} does.
 */
public interface SseContract {

    /** @return the server under test */
    PagiHost host();

    private Run<Optional<SseSeen>> run(SseCase c) {
        return Run.of(c.script(), app -> host().sse(app, c.plan()));
    }

    /**
     * Whatever the application sends, each send completes normally exactly when {@code SseOrder} lets it through
     * (a second {@code sse.close} is ignored) and fails with the machine's exception otherwise.
     */
    @Property(tries = 1000)
    default void everySseSendGetsTheVerdictOfTheOrderMachine(@ForAll("sseAnyCase") SseCase c) {
        run(c).requireLegalSteps();
    }

    /**
     * Whatever the application sends, the client sees what the order machine let through: a stream with the
     * start's status and headers and exactly the events sent, decoded as a browser decodes them; or the decline
     * response; or the 500 backstop when the application did neither. A decline cut short is a broken response.
     */
    @Property(tries = 1000)
    default void theSseClientSeesTheDeliveredStreamOrResponse(@ForAll("sseAnyCase") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        Statistics.label("ending").collect(run.replay().ending());
        if (run.replay().refused().isEmpty()) {
            run.require(run.seen().isPresent(), "with no order violation the host must report what the client saw");
        }
        run.seen().ifPresent(seen -> requireSeenOfDelivered(run, seen));
        Statistics.label("ending").coverage(cov -> {
            cov.check(Ending.COMPLETE).percentage(p -> p > 10);
            cov.check(Ending.NOT_STARTED).percentage(p -> p > 5);
        });
    }

    /** An application that returns or fails before it starts or declines the stream gets the client a 500. */
    @Property(tries = 150)
    default void anSseApplicationThatEndsBeforeTheStartGetsTheClientA500(@ForAll("sseEndingBeforeStart") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        run.seen().ifPresent(seen -> run.requireEqual(500, seen.status(), "the backstop's status"));
    }

    /**
     * Returning mid-stream ends the stream as {@code sse.close} does, cleanly; failing mid-stream leaves the
     * client a broken stream (the completion contract: after the start, a failure aborts the connection). Either
     * way the client has every event sent.
     */
    @Property(tries = 150)
    default void anSseStreamEndsCleanlyOnReturnAndBrokenOnFailure(@ForAll("sseEndingMidStream") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        SseSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal stream must be observed"
                + run.describe()));
        requireSeenOfDelivered(run, seen);
    }

    /** A decline cut short (the application returns or fails before the last body) is a broken response. */
    @Property(tries = 100)
    default void anSseDeclineCutShortIsABrokenResponse(@ForAll("sseEndingMidDecline") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        SseSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal decline must be observed"
                + run.describe()));
        seen.aborted().ifPresent(aborted -> run.require(aborted, "the decline was cut short, so it must break off"));
    }

    /**
     * After {@code sse.close} nothing more reaches the client: another close is ignored, every other send fails
     * (or is a no-op once the client has left the finished stream), and the client has exactly the events sent
     * before the close.
     */
    @Property(tries = 300)
    default void nothingReachesTheSseClientAfterTheClose(@ForAll("sseClosedThenMore") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        List<Event> delivered = run.replay().delivered();
        run.require(delivered.getLast() instanceof SseClose, "the close is the last event let through: " + delivered);
        SseSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal stream must be observed"
                + run.describe()));
        requireSeenOfDelivered(run, seen);
    }

    /**
     * Every event arrives as a browser decodes it: its type ({@code message} when unnamed or named empty), its data
     * with each line break (CRLF, CR, LF) read as LF, its id and retry time.
     */
    @Property(tries = 300)
    default void everySseEventArrivesAsABrowserDecodesIt(@ForAll("sseEvents") List<SseSend> events) {
        Run<Optional<SseSeen>> run = Run.of(SseScripts.streaming(events),
                app -> host().sse(app, new SsePlan(Bytes.empty(), java.util.OptionalInt.empty())));
        run.requireLegalSteps();
        SseSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal stream must be observed"
                + run.describe()));
        run.requireEqual(events.stream().map(SseContract::asDecoded).toList(), seen.events(), "the events");
        seen.aborted().ifPresent(aborted -> run.require(!aborted, "a closed stream ends cleanly"));
    }

    /**
     * A client that leaves while the application waits for it yields one {@code sse.disconnect}, handed out again
     * on every later receive and never followed by a body piece; every later send is a no-op.
     */
    @Property(tries = 500)
    default void anSseClientThatLeavesCausesOneDisconnectAndLaterSendsAreNoOps(
            @ForAll("sseAwaitingDeparture") SseCase c) {
        Run<Optional<SseSeen>> run = run(c);
        run.requireLegalSteps();
        List<Event> received = run.trace().received();
        int first = -1;
        for (int i = 0; i < received.size() && first < 0; i++) {
            first = received.get(i) instanceof SseDisconnect ? i : -1;
        }
        run.require(first >= 0, "the application receives sse.disconnect");
        run.require(received.subList(0, first).stream().allMatch(e -> e instanceof SseRequest),
                "only body pieces come before the disconnect");
        Event disconnect = received.get(first);
        run.require(received.subList(first, received.size()).stream().allMatch(disconnect::equals),
                "after sse.disconnect every receive yields the same disconnect again");
        boolean after = false;
        for (Trace.Entry e : run.trace().entries()) {
            after |= e instanceof Trace.Received r && r.event() instanceof SseDisconnect;
            if (after && e instanceof Trace.Sent s) {
                run.require(s.failure().isEmpty() || s.failure().get() instanceof IllegalArgumentException,
                        "a send after the disconnect is a no-op: " + s);
            }
        }
    }

    /** @return {@code send} as an {@code EventSource} dispatches it (WHATWG HTML, "Interpreting an event stream") */
    static SseSeen.Event asDecoded(SseSend send) {
        String data = send.data().replace("\r\n", "\n").replace('\r', '\n');
        return new SseSeen.Event(send.event().filter(e -> !e.isEmpty()).orElse("message"), data, send.id(),
                send.retry());
    }

    private static void requireSeenOfDelivered(Run<?> run, SseSeen seen) {
        List<Event> delivered = run.replay().delivered();
        Optional<Event> answer = delivered.stream().filter(e -> e instanceof SseStart
                || e instanceof SseHttpResponseStart).findFirst();
        if (answer.isEmpty()) {
            run.requireEqual(500, seen.status(), "no start: the backstop's status");
            return;
        }
        switch (answer.get()) {
            case SseStart start -> {
                // A host that reads whole responses may see nothing of a broken one (status 0), as for a decline.
                if (!(seen.aborted().orElse(false) && seen.status() == 0)) {
                    run.requireEqual(start.status(), seen.status(), "the stream's status");
                    for (Header h : start.headers()) {
                        run.require(seen.headers().all(h.name()).contains(h.text()), "the client's headers lack "
                                + h.name() + ": " + h.text());
                    }
                }
                if (!seen.aborted().orElse(false)) { // a host may not know the events of a broken response
                    run.requireEqual(delivered.stream().filter(e -> e instanceof SseSend)
                            .map(e -> asDecoded((SseSend) e)).toList(), seen.events(), "the events");
                }
                boolean closed = delivered.stream().anyMatch(e -> e instanceof SseClose);
                boolean failed = run.trace().awaitEnd(Run.END) == Trace.End.FAILED;
                seen.aborted().ifPresent(aborted -> run.requireEqual(failed && !closed, aborted,
                        "whether the stream broke off (it does when the application failed before sse.close)"));
            }
            default -> {
                SseHttpResponseStart decline = (SseHttpResponseStart) answer.get();
                boolean cut = run.replay().ending() == Ending.UNFINISHED;
                seen.aborted().ifPresent(aborted -> run.requireEqual(cut, aborted, "whether the decline broke off"));
                if (!cut) {
                    run.requireEqual(decline.status(), seen.status(), "the decline's status");
                    run.requireEqual(delivered.stream().filter(e -> e instanceof SseHttpResponseBody)
                            .map(e -> ((SseHttpResponseBody) e).body()).reduce(Bytes.empty(), Bytes::concat),
                            seen.body(), "the decline's body");
                } else if (seen.status() != 0) {
                    run.requireEqual(decline.status(), seen.status(), "the status of the broken decline");
                }
            }
        }
    }

    /**
     * Inputs this host is known to get wrong, with the reason; they are left out of the random runs so that every
     * other input keeps being checked. Empty by default; an implementation that overrides it should name the
     * rule broken and the issue that tracks it.
     *
     * @return why {@code c} is left out, or empty to run it
     */
    default Optional<String> knownSseDeviation(SseCase c) {
        return Optional.empty();
    }

    /** @return {@link SseScripts#any()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseAnyCase() {
        return SseScripts.any().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return {@link SseScripts#endingBeforeStart()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseEndingBeforeStart() {
        return SseScripts.endingBeforeStart().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return {@link SseScripts#endingMidStream()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseEndingMidStream() {
        return SseScripts.endingMidStream().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return {@link SseScripts#endingMidDecline()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseEndingMidDecline() {
        return SseScripts.endingMidDecline().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return {@link SseScripts#closedThenMore()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseClosedThenMore() {
        return SseScripts.closedThenMore().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return {@link SseScripts#awaitingTheClientsDeparture()}, less the known deviations */
    @Provide
    default Arbitrary<SseCase> sseAwaitingDeparture() {
        return SseScripts.awaitingTheClientsDeparture().filter(c -> knownSseDeviation(c).isEmpty());
    }

    /** @return up to six events */
    @Provide
    default Arbitrary<List<SseSend>> sseEvents() {
        return SseScripts.events().list().ofMaxSize(6);
    }
}
