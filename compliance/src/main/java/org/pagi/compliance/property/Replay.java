package org.pagi.compliance.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Scope;
import org.pagi.spec.event.Event;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.EventOrder;
import org.pagi.spec.order.IllegalEventOrderException;
import org.pagi.spec.order.SseOrder;
import org.pagi.spec.order.Verdict;
import org.pagi.spec.order.WebSocketOrder;

/**
 * The oracle: a {@link Trace} replayed, entry by entry, through a fresh order machine of the spec
 * ({@code EventOrder.forScope}) for the scope the application was called with. After every entry it checks the
 * invariant of that step: an event the server delivered was legal to deliver, and a send completed normally
 * exactly when the machine lets it through ({@code DELIVER} or {@code IGNORE}), failing otherwise with the
 * machine's exception type.
 *
 * <p>What survives the replay is what may reach the client: {@link #delivered()} in order, and how the scope
 * stood when the application finished ({@link #ending()}).
 *
 * <p>One tolerance: after the application ended a WebSocket ({@code websocket.close}) or an SSE stream
 * ({@code sse.close}) itself, a send the machine refuses must fail, but the client is then free to go (it answers
 * the close, or drops the finished stream), and once it has gone every send is a no-op (the machines say so:
 * {@code peerDisconnected()} turns every later send into {@code IGNORE}). The server may learn of that at any
 * moment, so either outcome is accepted there; both keep the event from the client, which the client-side checks
 * confirm.
 */
public final class Replay {
    private final EventOrder order;
    private final List<String> problems = new ArrayList<>();
    private final List<Event> delivered = new ArrayList<>();
    private final List<Event> refused = new ArrayList<>();

    private Replay(EventOrder order) {
        this.order = order;
    }

    /** @return the replay of {@code trace}, which must hold exactly one call */
    public static Replay of(Trace trace) {
        List<Scope> scopes = trace.scopes();
        if (scopes.size() != 1) {
            throw new AssertionError("the server called the application " + scopes.size()
                    + " times for one exchange; it calls it once per connection\n" + trace);
        }
        Replay r = new Replay(EventOrder.forScope(scopes.getFirst()));
        for (Trace.Entry e : trace.entries()) {
            r.step(e);
        }
        return r;
    }

    private void step(Trace.Entry entry) {
        switch (entry) {
            case Trace.Received r -> {
                try {
                    order.received(r.event());
                } catch (RuntimeException e) {
                    problems.add("step " + r.step() + ": the server delivered " + r.event().type()
                            + " when it may not: " + e.getMessage());
                }
            }
            case Trace.ReceiveFailed f -> problems.add("step " + f.step() + ": " + f.problem());
            case Trace.Sent s -> send(s);
        }
    }

    private void send(Trace.Sent s) {
        String before = order.state();
        boolean ownClose = order instanceof WebSocketOrder ws && ws.current() == WebSocketOrder.State.CLOSED
                || order instanceof SseOrder sse && sse.current() == SseOrder.State.CLOSED;
        Optional<Class<? extends RuntimeException>> expected;
        String rule = "";
        try {
            if (order.send(s.event()) == Verdict.DELIVER) {
                delivered.add(s.event());
            }
            expected = Optional.empty();
        } catch (IllegalEventOrderException e) {
            expected = Optional.of(IllegalEventOrderException.class);
            rule = e.getMessage();
        } catch (IllegalArgumentException e) {
            expected = Optional.of(IllegalArgumentException.class);
            rule = e.getMessage();
        }
        String what = "step " + s.step() + ": " + s.event().type() + " in state " + before;
        if (expected.isEmpty() && s.failure().isPresent()) {
            problems.add(what + " is allowed, yet its send failed with " + s.failure().get());
        } else if (expected.isPresent() && s.failure().isEmpty()) {
            if (!ownClose) {
                problems.add(what + " must fail with " + expected.get().getSimpleName() + " (" + rule
                        + "), yet its send completed normally");
            }
            refused.add(s.event());
        } else if (expected.isPresent() && !expected.get().isInstance(s.failure().get())) {
            problems.add(what + " must fail with " + expected.get().getSimpleName() + " (" + rule
                    + "), yet it failed with " + s.failure().get());
        } else if (expected.isPresent()) {
            refused.add(s.event());
        }
    }

    /** @return every broken step invariant, in order; empty when the trace is legal */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @return the events the machine let through to the client, in order */
    public List<Event> delivered() {
        return List.copyOf(delivered);
    }

    /** @return the events the machine refused, in order */
    public List<Event> refused() {
        return List.copyOf(refused);
    }

    /** @return how the scope stood at the end of the trace: what the server still owed the client */
    public Ending ending() {
        return order.finish();
    }

    /** @return the machine's state at the end, for messages */
    public String state() {
        return order.state();
    }
}
