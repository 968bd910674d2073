package org.pagi.compliance.property;

import java.util.Optional;
import java.util.Set;
import org.pagi.spec.Application;

/**
 * A server under test for the property contracts: it runs one application call the way the server would, and
 * reports what the client saw. This is the only thing a server author writes to run the contracts against their
 * server; everything else (random applications, the order oracle, the laws) lives in the contracts.
 *
 * <p>Each method plays the client of one exchange from start to end: it sends the request the plan describes, reads
 * the answer as a client of that protocol would (a browser's {@code EventSource} for SSE), leaves when the plan says
 * so, and returns once the client is done. It must not wait for the application to return after the client left:
 * the contracts wait for that themselves, through the application they passed in.
 *
 * <p>A host never rethrows the application's failures or order violations: like a server, it answers them (a 500,
 * an aborted response, a close) and carries on. A timeout of the host's own (nothing arrived at all) may fail the
 * try. A method may return {@code Optional.empty()} only when its client stopped reading because of the
 * application's order violation before its first answer (an in-process test client that reports violations
 * instead of carrying on does this); the contracts then check the application's side only.
 *
 * <p>Implementations must be thread-safe only in the sense that one host may run many exchanges one after the
 * other; the contracts never run two at once.
 */
public interface PagiHost {

    /** The scope types a host can run; the contracts for the others are skipped. */
    enum Scope { HTTP, WEBSOCKET, SSE, LIFESPAN }

    /** @return the scope types this host runs */
    Set<Scope> scopes();

    /**
     * Runs one HTTP request: {@code POST /} (any path will do), the body in the plan's pieces, then reads the whole
     * response. The client accepts trailers ({@code TE: trailers}).
     *
     * @return what the client saw; {@link HttpSeen#left()} when the plan made it leave
     */
    HttpSeen http(Application app, HttpPlan plan);

    /**
     * Runs one WebSocket session to {@code /ws}, offering no subprotocol: the handshake, the plan's messages, then
     * either reading until the server closes (and answering its close) or leaving as the plan says.
     *
     * @return what the client saw; empty only as the class comment allows
     */
    default Optional<WebSocketSeen> websocket(Application app, WebSocketPlan plan) {
        throw new UnsupportedOperationException("this host does not run websocket scopes");
    }

    /**
     * Runs one SSE request to {@code /events} ({@code Accept: text/event-stream}; {@code GET}, or {@code POST} when
     * the plan has a body), then reads the stream to its end, or leaves as the plan says.
     *
     * @return what the client saw; empty only as the class comment allows
     */
    default Optional<SseSeen> sse(Application app, SsePlan plan) {
        throw new UnsupportedOperationException("this host does not run sse scopes");
    }

    /**
     * Runs the application's lifespan: {@code lifespan.startup}, and when startup completed,
     * {@code lifespan.shutdown}.
     *
     * @return what the server saw
     */
    default LifespanSeen lifespan(Application app) {
        throw new UnsupportedOperationException("this host does not run the lifespan scope");
    }
}
