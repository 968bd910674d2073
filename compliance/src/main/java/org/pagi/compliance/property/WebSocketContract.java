package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.order.Ending;

/**
 * The laws of the {@code websocket} scope, for any server that runs it (contract tests: implement {@link #host()}).
 * Random applications come from {@link WebSocketScripts}, each with a client that fits it.
 */
public interface WebSocketContract {

    /** @return the server under test */
    PagiHost host();

    private Run<Optional<WebSocketSeen>> run(WebSocketCase c) {
        return Run.of(c.script(), app -> host().websocket(app, c.plan()));
    }

    /**
     * Whatever the application sends, each send completes normally exactly when {@code WebSocketOrder} lets it
     * through and fails with the machine's exception otherwise (after the application's own close, a no-op is
     * tolerated once the client's answering close is in); every event delivered to it is one the server may
     * deliver then.
     */
    @Property(tries = 1000)
    default void everyWebSocketSendGetsTheVerdictOfTheOrderMachine(@ForAll("wsAnyCase") WebSocketCase c) {
        run(c).requireLegalSteps();
    }

    /**
     * Whatever the application sends, the client sees the handshake answer it let through (101 for an accept,
     * 403 for a close, the denial's status and body, the 500 backstop when it never answered), then exactly the
     * messages let through, in order, then the close: the application's own, 1000 when it returned with the
     * WebSocket open, another code when it failed.
     */
    @Property(tries = 1000)
    default void theWebSocketClientSeesTheDeliveredAnswerMessagesAndClose(@ForAll("wsAnyCase") WebSocketCase c) {
        Run<Optional<WebSocketSeen>> run = run(c);
        run.requireLegalSteps();
        Statistics.label("ending").collect(run.replay().ending());
        if (run.replay().refused().isEmpty()) {
            run.require(run.seen().isPresent(), "with no order violation the host must report what the client saw");
        }
        run.seen().ifPresent(seen -> requireSeenOfDelivered(run, seen, c.plan()));
        Statistics.label("ending").coverage(cov -> {
            cov.check(Ending.COMPLETE).percentage(p -> p > 10);
            cov.check(Ending.NOT_STARTED).percentage(p -> p > 5);
            cov.check(Ending.UNFINISHED).percentage(p -> p > 5);
        });
    }

    /** An application that returns or fails before answering the handshake gets the client a 500. */
    @Property(tries = 150)
    default void aWebSocketApplicationThatEndsBeforeAnsweringGetsTheClientA500(
            @ForAll("wsEndingBeforeTheAnswer") WebSocketCase c) {
        Run<Optional<WebSocketSeen>> run = run(c);
        run.requireLegalSteps();
        run.seen().ifPresent(seen -> run.requireEqual(500, seen.handshakeStatus(), "the handshake's answer"));
    }

    /**
     * An application that returns with its WebSocket open gets it closed with 1000; one that fails gets it closed
     * with another code (or the connection cut), never a normal close.
     */
    @Property(tries = 150)
    default void aWebSocketApplicationThatEndsWithItOpenGetsItClosed(
            @ForAll("wsEndingOpen") WebSocketCase c) {
        Run<Optional<WebSocketSeen>> run = run(c);
        run.requireLegalSteps();
        WebSocketSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal session must be observed"));
        WebSocketSeen.Closed close = seen.close().orElseThrow(() -> new AssertionError("the server must close"
                + run.describe()));
        if (run.trace().awaitEnd(Run.END) == Trace.End.RETURNED) {
            run.requireEqual(1000, close.code(), "the close after the application returned");
        } else {
            run.require(close.code() != 1000, "a failed application's WebSocket must not close normally: " + close);
        }
    }

    /**
     * After the application's own {@code websocket.close} nothing more reaches the client: every further send
     * fails (or is a no-op once the client's answering close is in), and the client saw its messages and then
     * that close.
     */
    @Property(tries = 300)
    default void nothingReachesTheWebSocketClientAfterTheApplicationsClose(
            @ForAll("wsClosedThenMore") WebSocketCase c) {
        Run<Optional<WebSocketSeen>> run = run(c);
        run.requireLegalSteps();
        List<Event> delivered = run.replay().delivered();
        int close = indexOf(delivered, WebSocketClose.class);
        run.require(close < 0 || close == delivered.size() - 1,
                "nothing is let through after the application's close, yet " + delivered.subList(close + 1,
                        delivered.size()) + " followed it");
        run.seen().ifPresent(seen -> requireSeenOfDelivered(run, seen, c.plan()));
    }

    /**
     * Every message round-trips: what the client sends reaches the application, and what the application sends
     * reaches the client, in order, text as text and bytes as bytes.
     */
    @Property(tries = 300)
    default void everyWebSocketMessageArrivesIntactBothWays(@ForAll("wsMessages") List<WebSocketMessage> in,
            @ForAll("wsMessages") List<WebSocketMessage> out) {
        Run<Optional<WebSocketSeen>> run = Run.of(WebSocketScripts.echoing(in.size(), out),
                app -> host().websocket(app, new WebSocketPlan(in, Optional.empty())));
        run.requireLegalSteps();
        List<WebSocketMessage> received = run.trace().received().stream().filter(e -> e instanceof WebSocketReceive)
                .map(e -> ((WebSocketReceive) e).message()).toList();
        run.requireEqual(in, received, "the messages as the application received them");
        WebSocketSeen seen = run.seen().orElseThrow(() -> new AssertionError("a legal session must be observed"));
        run.requireEqual(out, seen.messages(), "the messages as the client received them");
        run.requireEqual(Optional.of(new WebSocketSeen.Closed(1000, "")), seen.close(), "the close");
    }

    /**
     * A client that leaves (with a Close frame, or by dropping the connection) while the application waits for it
     * yields one {@code websocket.disconnect}, handed out again on every later receive: with the client's code
     * and reason, or 1006 for a dropped connection; every later send is a no-op.
     */
    @Property(tries = 500)
    default void aWebSocketClientThatLeavesCausesOneDisconnectAndLaterSendsAreNoOps(
            @ForAll("wsAwaitingDeparture") WebSocketCase c) {
        Run<Optional<WebSocketSeen>> run = run(c);
        run.requireLegalSteps();
        List<Event> received = run.trace().received();
        int first = indexOf(received, WebSocketDisconnect.class);
        run.require(first >= 0, "the application receives websocket.disconnect");
        WebSocketDisconnect disconnect = (WebSocketDisconnect) received.get(first);
        run.require(received.subList(first, received.size()).stream().allMatch(disconnect::equals),
                "after websocket.disconnect every receive yields the same disconnect again");
        WebSocketPlan.Leave leave = c.plan().leave().orElseThrow();
        if (leave.close().isPresent()) {
            run.requireEqual(leave.close().get().code(), disconnect.code(), "the disconnect's code (the client's)");
            run.requireEqual(leave.close().get().reason(), disconnect.reason(), "the disconnect's reason");
        } else {
            run.requireEqual(WebSocketDisconnect.ABNORMAL, disconnect.code(), "the code of a dropped connection");
        }
        run.seen().ifPresent(seen -> run.requireEqual(run.replay().delivered().stream()
                .filter(e -> e instanceof WebSocketSend).map(e -> ((WebSocketSend) e).message()).toList(),
                seen.messages(), "the messages the client read before it left"));
        boolean after = false;
        for (Trace.Entry e : run.trace().entries()) {
            after |= e instanceof Trace.Received r && r.event() instanceof WebSocketDisconnect;
            if (after && e instanceof Trace.Sent s) {
                run.require(s.failure().isEmpty() || s.failure().get() instanceof IllegalArgumentException,
                        "a send after the disconnect is a no-op: " + s);
            }
        }
    }

    private static int indexOf(List<Event> events, Class<? extends Event> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void requireSeenOfDelivered(Run<?> run, WebSocketSeen seen, WebSocketPlan plan) {
        List<Event> delivered = run.replay().delivered();
        Optional<Event> answer = delivered.stream().filter(e -> e instanceof WebSocketAccept
                || e instanceof WebSocketClose || e instanceof WebSocketHttpResponseStart).findFirst();
        if (answer.isEmpty()) {
            run.requireEqual(500, seen.handshakeStatus(), "no answer to the handshake: the backstop");
            return;
        }
        switch (answer.get()) {
            case WebSocketClose refused -> run.requireEqual(403, seen.handshakeStatus(), "refused by websocket.close");
            case WebSocketHttpResponseStart denial -> {
                boolean unfinished = run.replay().ending() == Ending.UNFINISHED;
                seen.denialAborted().ifPresent(aborted -> run.requireEqual(unfinished, aborted,
                        "whether the denial broke off"));
                // A host that reads whole responses may see nothing of a broken denial (status 0), as for an SSE
                // decline cut short; a denial that completed must arrive whole.
                if (!(unfinished && seen.handshakeStatus() == 0)) {
                    run.requireEqual(denial.status(), seen.handshakeStatus(), "the denial's status");
                }
                if (!unfinished) {
                    run.requireEqual(delivered.stream().filter(e -> e instanceof WebSocketHttpResponseBody)
                            .map(e -> ((WebSocketHttpResponseBody) e).body()).reduce(Bytes.empty(), Bytes::concat),
                            seen.denialBody(), "the denial's body");
                }
            }
            default -> requireSession(run, seen, plan, delivered);
        }
    }

    private static void requireSession(Run<?> run, WebSocketSeen seen, WebSocketPlan plan, List<Event> delivered) {
        run.requireEqual(WebSocketSeen.ACCEPTED, seen.handshakeStatus(), "the handshake's answer");
        List<WebSocketMessage> messages = new ArrayList<>();
        Optional<WebSocketClose> close = Optional.empty();
        for (Event e : delivered) {
            if (e instanceof WebSocketSend send && close.isEmpty()) {
                messages.add(send.message());
            } else if (e instanceof WebSocketClose c && close.isEmpty()) {
                close = Optional.of(c);
            }
        }
        run.requireEqual(messages, seen.messages(), "the messages the client read");
        if (plan.leave().isPresent()) {
            return; // the client left first; it saw no close
        }
        WebSocketSeen.Closed seenClose = seen.close().orElseThrow(() -> new AssertionError(
                "the client reads until the server closes, so it must see a close" + run.describe()));
        if (close.isPresent()) {
            run.requireEqual(new WebSocketSeen.Closed(close.get().code(), close.get().reason()), seenClose,
                    "the application's close");
        } else if (run.trace().awaitEnd(Run.END) == Trace.End.RETURNED) {
            run.requireEqual(1000, seenClose.code(), "the close after the application returned with it open");
        } else {
            run.require(seenClose.code() != 1000, "a failed application's WebSocket must not close normally: "
                    + seenClose);
        }
    }

    /**
     * Inputs this host is known to get wrong, with the reason; they are left out of the random runs so that every
     * other input keeps being checked. Empty by default; an implementation that overrides it should name the
     * rule broken and the issue that tracks it.
     *
     * @return why {@code c} is left out, or empty to run it
     */
    default Optional<String> knownWebSocketDeviation(WebSocketCase c) {
        return Optional.empty();
    }

    /** @return {@link WebSocketScripts#any()}, less the known deviations */
    @Provide
    default Arbitrary<WebSocketCase> wsAnyCase() {
        return WebSocketScripts.any().filter(c -> knownWebSocketDeviation(c).isEmpty());
    }

    /** @return {@link WebSocketScripts#endingBeforeTheAnswer()}, less the known deviations */
    @Provide
    default Arbitrary<WebSocketCase> wsEndingBeforeTheAnswer() {
        return WebSocketScripts.endingBeforeTheAnswer().filter(c -> knownWebSocketDeviation(c).isEmpty());
    }

    /** @return {@link WebSocketScripts#endingOpen()}, less the known deviations */
    @Provide
    default Arbitrary<WebSocketCase> wsEndingOpen() {
        return WebSocketScripts.endingOpen().filter(c -> knownWebSocketDeviation(c).isEmpty());
    }

    /** @return {@link WebSocketScripts#closedThenMore()}, less the known deviations */
    @Provide
    default Arbitrary<WebSocketCase> wsClosedThenMore() {
        return WebSocketScripts.closedThenMore().filter(c -> knownWebSocketDeviation(c).isEmpty());
    }

    /** @return {@link WebSocketScripts#awaitingTheClientsDeparture()}, less the known deviations */
    @Provide
    default Arbitrary<WebSocketCase> wsAwaitingDeparture() {
        return WebSocketScripts.awaitingTheClientsDeparture().filter(c -> knownWebSocketDeviation(c).isEmpty());
    }

    /** @return up to five messages, text and binary */
    @Provide
    default Arbitrary<List<WebSocketMessage>> wsMessages() {
        return WebSocketScripts.messages().list().ofMaxSize(5);
    }
}
