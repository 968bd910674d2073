package org.pagi.compliance.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketHttpResponseBody;
import org.pagi.spec.event.WebSocketHttpResponseStart;
import org.pagi.spec.event.WebSocketKeepalive;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.spec.event.WebSocketReceive;
import org.pagi.spec.event.WebSocketSend;
import org.pagi.spec.order.Verdict;
import org.pagi.spec.order.WebSocketOrder;

/**
 * Random {@code websocket} applications, legal and not, each with the client that fits it ({@link WebSocketCase}).
 *
 * <h2>Theory of operation</h2>
 * Every script starts by receiving {@code websocket.connect}. {@link #fit} then walks the steps through a
 * {@code WebSocketOrder}, as the application will meet them, and shapes the client around them:
 * <ul>
 *   <li>a receive while the WebSocket is open takes the next client message; with none left, the application
 *       waits for the client, so that is where the client leaves (the plan's {@code leave}), having read every
 *       message the application sent before;</li>
 *   <li>sends between the last thing the client can see (the accept or a message) and that point are dropped: the
 *       client may leave before or after them, so their outcome would depend on timing;</li>
 *   <li>a receive after the application's own close gets the client's answering close; a receive anywhere else
 *       (before the handshake is answered, after a refusal, after an illegal send during the handshake, which an
 *       in-process client reports instead of reading on) would wait forever, and is dropped.</li>
 * </ul>
 * With no such waiting point the client reads until the server closes.
 */
public final class WebSocketScripts {
    private WebSocketScripts() {
    }

    /** @return text or binary messages of up to 24 code points or bytes */
    public static Arbitrary<WebSocketMessage> messages() {
        return Arbitraries.oneOf(Gen.text(24).map(WebSocketMessage::text), Gen.bytes(24).map(WebSocketMessage::bytes));
    }

    /** @return a close an endpoint may send, with a short reason */
    public static Arbitrary<WebSocketClose> closes() {
        return Combinators.combine(Arbitraries.of(1000, 1001, 1003, 1008, 1011, 3000, 4000, 4999),
                Arbitraries.of("", "bye", "going away")).as(WebSocketClose::new);
    }

    /** @return one step of any kind a WebSocket application may try */
    public static Arbitrary<Step> anyStep() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Step.Send(new WebSocketAccept()))),
                Tuple.of(1, Gen.headers().map(h -> new Step.Send(new WebSocketAccept(Optional.empty(), h)))),
                Tuple.of(4, messages().map(m -> new Step.Send(new WebSocketSend(m)))),
                Tuple.of(2, closes().map(Step.Send::new)),
                Tuple.of(1, Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5))
                        .map(d -> new Step.Send(new WebSocketKeepalive(d, Optional.empty())))),
                Tuple.of(1, Gen.anyStatus().map(s -> new Step.Send(
                        new WebSocketHttpResponseStart(s, Headers.empty())))),
                Tuple.of(1, Combinators.combine(Gen.bytes(8), Arbitraries.of(true, false))
                        .as((b, more) -> new Step.Send(new WebSocketHttpResponseBody(b, more)))),
                Tuple.of(1, Gen.stray("websocket").map(Step.Send::new)),
                Tuple.of(3, Arbitraries.just(new Step.Receive())),
                Tuple.of(1, Arbitraries.integers().between(0, 2).map(Step.AwaitDisconnect::new)),
                Tuple.of(1, Arbitraries.of(new Step.Fail(), new Step.Return())));
    }

    /** @return an accepted session: messages sent and received in some order, then a close or not */
    public static Arbitrary<List<Step>> session() {
        Arbitrary<Step> middle = Arbitraries.frequencyOf(
                Tuple.of(2, messages().map(m -> new Step.Send(new WebSocketSend(m)))),
                Tuple.of(2, Arbitraries.just(new Step.Receive())));
        return Combinators.combine(middle.list().ofMaxSize(6), closes().map(Step.Send::new).injectNull(0.5))
                .as((steps, close) -> {
                    List<Step> out = new ArrayList<>();
                    out.add(new Step.Send(new WebSocketAccept()));
                    out.addAll(steps);
                    if (close != null) {
                        out.add(close);
                    }
                    return out;
                });
    }

    /** @return any application with its client: half random steps, half sessions with a few wrong moves */
    public static Arbitrary<WebSocketCase> any() {
        Arbitrary<List<Step>> random = anyStep().list().ofMaxSize(10);
        Arbitrary<List<Step>> noisy = Gen.withNoise(session(), anyStep());
        Arbitrary<List<Step>> steps = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.oneOf(random, noisy)),
                Tuple.of(1, Arbitraries.just(List.of(new Step.FailAtCall()))));
        return fitted(steps);
    }

    /** @return applications that end before they answer the handshake: return, fail or throw from call() */
    public static Arbitrary<WebSocketCase> endingBeforeTheAnswer() {
        Arbitrary<List<Step>> steps = Combinators.combine(Arbitraries.oneOf(
                        messages().map(m -> new Step.Send(new WebSocketSend(m))),
                        Gen.stray("websocket").map(Step.Send::new),
                        Arbitraries.just(new Step.Send(new WebSocketHttpResponseBody(Bytes.empty(), false))))
                .list().ofMaxSize(2), Arbitraries.of(new Step.Return(), new Step.Fail(), new Step.FailAtCall()))
                .as((wrong, end) -> {
                    if (end instanceof Step.FailAtCall) {
                        return List.of(end);
                    }
                    List<Step> out = new ArrayList<>(wrong);
                    out.add(end);
                    return out;
                });
        return fitted(steps);
    }

    /** @return accepted sessions that end with the WebSocket still open: return or fail */
    public static Arbitrary<WebSocketCase> endingOpen() {
        Arbitrary<List<Step>> open = session().map(s -> s.stream().filter(st -> !(st instanceof Step.Send send
                && send.event() instanceof WebSocketClose)).toList());
        return fitted(Combinators.combine(open, Gen.ending()).as((s, end) -> {
            List<Step> out = new ArrayList<>(s);
            out.add(end);
            return out;
        })).filter(c -> c.plan().leave().isEmpty());
    }

    /** @return sessions the application closes, then sends and receives more */
    public static Arbitrary<WebSocketCase> closedThenMore() {
        Arbitrary<List<Step>> after = anyStep().filter(s -> !(s instanceof Step.Fail || s instanceof Step.Return))
                .list().ofMinSize(1).ofMaxSize(4);
        return fitted(Combinators.combine(session(), closes(), after).as((s, close, more) -> {
            List<Step> out = new ArrayList<>(s.stream().filter(st -> !(st instanceof Step.Send send
                    && send.event() instanceof WebSocketClose)).toList());
            out.add(new Step.Send(close));
            out.addAll(more);
            return out;
        }));
    }

    /**
     * @return sessions where the application waits for the client to leave (it receives past the client's last
     *         message), then sends and receives more
     */
    public static Arbitrary<WebSocketCase> awaitingTheClientsDeparture() {
        Arbitrary<List<Step>> before = session().map(s -> s.stream().filter(st -> !(st instanceof Step.Send send
                && send.event() instanceof WebSocketClose)).toList());
        Arbitrary<List<Step>> after = Arbitraries.<Step>oneOf(messages().map(m -> new Step.Send(new WebSocketSend(m))),
                closes().map(Step.Send::new), Arbitraries.just(new Step.Send(new WebSocketAccept())),
                Arbitraries.just(new Step.Receive())).list().ofMaxSize(4);
        Arbitrary<List<Step>> steps = Combinators.combine(before, Arbitraries.integers().between(0, 2), after,
                Gen.ending()).as((b, extra, a, end) -> {
                    List<Step> out = new ArrayList<>(b);
                    out.add(new Step.AwaitDisconnect(extra));
                    out.addAll(a);
                    out.add(end);
                    return out;
                });
        return fitted(steps).filter(c -> c.plan().leave().isPresent());
    }

    private static Arbitrary<WebSocketCase> fitted(Arbitrary<List<Step>> steps) {
        Arbitrary<Optional<WebSocketClose>> leaveBy = Arbitraries.oneOf(Arbitraries.just(Optional.empty()),
                closes().map(Optional::of));
        return Combinators.combine(steps, messages().list().ofMaxSize(4), leaveBy).as(WebSocketScripts::fit);
    }

    /**
     * Shapes a script and its client around each other; see the class comment.
     *
     * @param steps    the application's steps after receiving {@code websocket.connect}
     * @param messages what the client sends once accepted
     * @param leaveBy  how the client leaves, if the application ends up waiting for it
     */
    static WebSocketCase fit(List<Step> steps, List<WebSocketMessage> messages, Optional<WebSocketClose> leaveBy) {
        List<Step> in = Script.upToEnd(steps);
        if (!in.isEmpty() && in.getFirst() instanceof Step.FailAtCall) {
            return new WebSocketCase(Script.of(new Step.FailAtCall()), new WebSocketPlan(messages, Optional.empty()),
                    WebSocketCase.Unread.NONE);
        }
        WebSocketOrder order = new WebSocketOrder(true);
        order.received(new WebSocketConnect());
        List<Step> out = new ArrayList<>();
        out.add(new Step.Receive());
        int unread = messages.size();
        int seen = 0;
        int lastVisible = out.size();
        boolean opened = false;
        boolean gone = false;
        boolean handshakeViolation = false;
        Optional<WebSocketPlan.Leave> leave = Optional.empty();
        int unreadAtLeave = 0;
        int unreadAfterClose = 0;
        int readSinceVisible = 0;
        for (Step s : in) {
            if (s instanceof Step.FailAtCall) {
                s = new Step.Fail();
            }
            WebSocketOrder.State state = order.current();
            boolean waits = s instanceof Step.Receive || s instanceof Step.AwaitDisconnect;
            switch (s) {
                case Step.Send send -> {
                    try {
                        if (order.send(send.event()) == Verdict.DELIVER && !gone) {
                            if (send.event() instanceof WebSocketAccept) {
                                opened = true;
                                lastVisible = out.size() + 1;
                                readSinceVisible = 0;
                            } else if (send.event() instanceof WebSocketSend) {
                                seen++;
                                lastVisible = out.size() + 1;
                                readSinceVisible = 0;
                            }
                        }
                    } catch (RuntimeException illegal) {
                        handshakeViolation |= state == WebSocketOrder.State.HANDSHAKE;
                    }
                    out.add(s);
                }
                default -> {
                    if (!waits) {
                        out.add(s); // fail or return: the end
                    } else if (gone) {
                        out.add(s); // the disconnect again
                    } else if (state == WebSocketOrder.State.OPEN && !handshakeViolation) {
                        if (s instanceof Step.Receive && unread > 0) {
                            unread--;
                            readSinceVisible++;
                            order.received(WebSocketReceive.text(""));
                        } else {
                            // The application waits for the client, who leaves now, after reading what it can see.
                            out.subList(lastVisible, out.size()).removeIf(st -> st instanceof Step.Send);
                            leave = Optional.of(new WebSocketPlan.Leave(seen, leaveBy));
                            unreadAtLeave = unread + readSinceVisible; // the client cannot tell those were read
                            unread = 0;
                            gone = true;
                            order.received(new WebSocketDisconnect(1000, ""));
                        }
                        out.add(s);
                    } else if (state == WebSocketOrder.State.CLOSED && opened && !handshakeViolation) {
                        gone = true; // the client's answer to the application's close
                        unreadAfterClose = unread;
                        order.received(new WebSocketDisconnect(1000, ""));
                        out.add(s);
                    }
                    // anywhere else nothing will ever come: drop the receive
                }
            }
        }
        return new WebSocketCase(new Script(out), new WebSocketPlan(messages, leave),
                new WebSocketCase.Unread(unreadAtLeave, unreadAfterClose));
    }

    /** @return a script that accepts, receives {@code n} messages, sends {@code out}, then closes */
    public static Script echoing(int n, List<WebSocketMessage> out) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Receive());
        steps.add(new Step.Send(new WebSocketAccept()));
        for (int i = 0; i < n; i++) {
            steps.add(new Step.Receive());
        }
        out.forEach(m -> steps.add(new Step.Send(new WebSocketSend(m))));
        steps.add(new Step.Send(new WebSocketClose()));
        return new Script(steps);
    }
}
