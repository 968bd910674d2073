package org.pagi.compliance.property;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.pagi.spec.order.SseOrder;

/**
 * The property contracts run against {@code server-jdk}'s sans-IO connection ({@code Http1Connection}) through the
 * test client's wire mode ({@code org.pagi.testing.wire}): the {@code http} and {@code sse} scopes, the bytes
 * exactly as the server writes them, and {@code websocket} through wire mode's WebSocket client (see
 * {@link WireHost}).
 */
class ServerJdkWirePropertiesTest implements HttpContract, WebSocketContract, SseContract, LifespanContract {
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
     * One SSE deviation.
     *
     * <p>An application that reads its request body after its response ended ({@code sse.close}, or a complete
     * decline) may wait forever: body bytes that arrive once the response is done are drained
     * ({@code Http1Connection.body}: {@code ex.responseDone}), and nothing takes their place, neither the
     * {@code sse.request} pieces nor an {@code sse.disconnect} (www.md: "Inbound: sse.request pieces until
     * more = false, then sse.disconnect"). It is a race: a body that arrived before the end is delivered. An
     * {@code http} application in the same position gets {@code http.disconnect}.
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
                default -> {
                    // nothing known about this step
                }
            }
        }
        return Optional.empty();
    }
}
