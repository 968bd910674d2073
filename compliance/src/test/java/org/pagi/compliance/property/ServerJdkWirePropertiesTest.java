package org.pagi.compliance.property;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.pagi.spec.event.HttpResponseBodyEvent;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.order.HttpOrder;
import org.pagi.spec.order.SseOrder;
import org.pagi.spec.order.Verdict;

/**
 * The property contracts run against {@code server-jdk}'s sans-IO connection ({@code Http1Connection}) through the
 * test client's wire mode ({@code org.pagi.testing.wire}): the {@code http} and {@code sse} scopes, the bytes
 * exactly as the server writes them. Not {@code websocket}: wire mode cannot read frames yet (see
 * {@link WireHost}).
 */
class ServerJdkWirePropertiesTest implements HttpContract, SseContract, LifespanContract {
    /** One server for the whole class, as a real one would serve many connections; its loop is a daemon thread. */
    private static final WireHost HOST = new WireHost();
    /**
     * The applications misbehave on purpose, and the server logs each misbehaviour (a 500 answered, a response
     * aborted, an illegal lifespan answer): thousands of lines that say nothing here. Held strongly, or the
     * logging system may drop the level with the logger.
     */
    private static final List<Logger> QUIET = Stream.of("org.pagi.testing.wire", "org.pagi.server.run")
            .map(Logger::getLogger).peek(l -> l.setLevel(Level.OFF)).toList();

    @Override
    public PagiHost host() {
        return HOST;
    }

    /**
     * A response whose start declares trailers and whose first body event is also its last (or that goes straight
     * to its trailers, with no body event) is framed with {@code content-length} ({@code ResponseEncoder}: "the
     * first body event is also the last"; {@code trailers()} before any body writes {@code content-length: 0}), so
     * it is complete
     * on the wire before the trailers come: the trailers are dropped although the client sent
     * {@code TE: trailers}, and an application that never sends them (its response is UNFINISHED) leaves the client
     * a clean success instead of a broken response (spec: main.md, "Application completion contract", item 3).
     * The connection also counts the response as finished while {@code HttpOrder} waits for the trailers, so a
     * {@code receive} then yields {@code http.disconnect} before the response is complete, which the order machine
     * reads as the client leaving, yet later sends still fail instead of being no-ops.
     */
    @Override
    public Optional<String> knownHttpDeviation(Script script) {
        HttpOrder order = new HttpOrder(true);
        boolean declared = false;
        for (Step s : script.steps()) {
            if (s instanceof Step.Send send) {
                Verdict v;
                try {
                    v = order.send(send.event());
                } catch (RuntimeException refused) {
                    continue;
                }
                if (v == Verdict.DELIVER && send.event() instanceof HttpResponseStart start) {
                    declared = start.trailers();
                } else if (v == Verdict.DELIVER && (send.event() instanceof HttpResponseBodyEvent
                        || send.event() instanceof HttpResponseTrailers)) {
                    boolean whole = !(send.event() instanceof HttpResponseBodyEvent body) || !body.more();
                    return declared && whole ? Optional.of("server-jdk frames a trailers-declaring response whose"
                            + " whole body is known at its first event with content-length, dropping its trailers")
                            : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Two SSE deviations.
     *
     * <p>An application that reads its request body after its response ended ({@code sse.close}, or a complete
     * decline) may wait forever: body bytes that arrive once the response is done are drained
     * ({@code Http1Connection.body}: {@code ex.responseDone}), and nothing takes their place, neither the
     * {@code sse.request} pieces nor an {@code sse.disconnect} (www.md: "Inbound: sse.request pieces until
     * more = false, then sse.disconnect"). It is a race: a body that arrived before the end is delivered. An
     * {@code http} application in the same position gets {@code http.disconnect}.
     *
     * <p>An application that fails while its stream is open gets the stream ended cleanly (the last chunk), exactly as
     * if it had returned: {@code applicationFinished} sees {@code Ending.COMPLETE} (SseOrder counts STREAMING as
     * complete) and writes the end of the stream whether or not the application failed. The completion contract
     * (main.md, item 3) has a failure after the start abort the connection, so the client sees a broken response,
     * and the in-process test client documents the same ("a server aborts the stream").
     */
    @Override
    public Optional<String> knownSseDeviation(SseCase c) {
        SseOrder order = new SseOrder();
        for (Step s : c.script().steps()) {
            SseOrder.State state = order.current();
            boolean ended = state == SseOrder.State.CLOSED || state == SseOrder.State.DECLINED;
            switch (s) {
                case Step.Send send -> {
                    try {
                        order.send(send.event());
                    } catch (RuntimeException refused) {
                        // refused: the state stays
                    }
                }
                case Step.ReadBody r when ended && !c.plan().body().isEmpty() -> {
                    return Optional.of("server-jdk drops request body bytes that arrive after an SSE response"
                            + " ended and delivers neither sse.request nor sse.disconnect: the read waits forever");
                }
                case Step.Fail f when state == SseOrder.State.STREAMING -> {
                    return Optional.of("server-jdk ends an SSE stream cleanly when the application fails mid-stream");
                }
                default -> {
                    // nothing known about this step
                }
            }
        }
        return Optional.empty();
    }
}
