package org.pagi.spec.order;

import static org.pagi.spec.event.EventType.LIFESPAN_SHUTDOWN_COMPLETE;
import static org.pagi.spec.event.EventType.LIFESPAN_SHUTDOWN_FAILED;
import static org.pagi.spec.event.EventType.LIFESPAN_STARTUP_COMPLETE;
import static org.pagi.spec.event.EventType.LIFESPAN_STARTUP_FAILED;

import java.util.EnumSet;
import java.util.Set;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;

/**
 * The legal order of the {@code lifespan} scope.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   IDLE --(server) lifespan.startup--> STARTING --startup.complete--> RUNNING
 *                                           +------startup.failed---> FAILED
 *   RUNNING --(server) lifespan.shutdown--> STOPPING --shutdown.complete or shutdown.failed--> STOPPED
 * </pre>
 * The application only ever answers: it may send nothing in IDLE or RUNNING. If it returns in IDLE or STARTING
 * it has declined lifespan ({@link Ending#NOT_STARTED}) and the server carries on without it; only
 * {@code lifespan.startup.failed} stops a server from starting.
 */
public final class LifespanOrder implements EventOrder {
    /** The lifespan's progress. */
    public enum State { IDLE, STARTING, RUNNING, FAILED, STOPPING, STOPPED }

    private static final Set<EventType> SENDS = EnumSet.of(LIFESPAN_STARTUP_COMPLETE, LIFESPAN_STARTUP_FAILED,
            LIFESPAN_SHUTDOWN_COMPLETE, LIFESPAN_SHUTDOWN_FAILED);

    private State state = State.IDLE;

    @Override
    public synchronized Verdict send(Event event) {
        OrderChecks.requireSendOf("lifespan", event, SENDS);
        EventType kind = event.kind();
        switch (state) {
            case STARTING -> {
                if (kind == LIFESPAN_STARTUP_COMPLETE) {
                    state = State.RUNNING;
                } else if (kind == LIFESPAN_STARTUP_FAILED) {
                    state = State.FAILED;
                } else {
                    throw illegal(event, "the server is starting up; answer lifespan.startup first");
                }
            }
            case STOPPING -> {
                if (kind == LIFESPAN_SHUTDOWN_COMPLETE || kind == LIFESPAN_SHUTDOWN_FAILED) {
                    state = State.STOPPED;
                } else {
                    throw illegal(event, "the server is shutting down; answer lifespan.shutdown");
                }
            }
            case IDLE -> throw illegal(event, "nothing may be sent before lifespan.startup arrives");
            case RUNNING -> throw illegal(event, "startup is complete; nothing may be sent until lifespan.shutdown");
            case FAILED -> throw illegal(event, "startup failed; the lifespan is over");
            case STOPPED -> throw illegal(event, "shutdown was already answered; the lifespan is over");
        }
        return Verdict.DELIVER;
    }

    @Override
    public synchronized void received(Event event) {
        OrderChecks.requireReceiveOf("lifespan", event);
        if (event.kind() == EventType.LIFESPAN_STARTUP) {
            if (state != State.IDLE) {
                throw serverIllegal(event, "lifespan.startup comes once, first");
            }
            state = State.STARTING;
        } else {
            if (state != State.RUNNING) {
                throw serverIllegal(event, "lifespan.shutdown comes only after a completed startup");
            }
            state = State.STOPPING;
        }
    }

    @Override
    public void peerDisconnected() {
        // A lifespan has no client; nothing to record.
    }

    @Override
    public synchronized Ending finish() {
        return switch (state) {
            case IDLE, STARTING -> Ending.NOT_STARTED;
            case RUNNING, STOPPING -> Ending.UNFINISHED;
            case FAILED, STOPPED -> Ending.COMPLETE;
        };
    }

    @Override
    public synchronized Set<EventType> allowedSends() {
        return Set.copyOf(switch (state) {
            case STARTING -> EnumSet.of(LIFESPAN_STARTUP_COMPLETE, LIFESPAN_STARTUP_FAILED);
            case STOPPING -> EnumSet.of(LIFESPAN_SHUTDOWN_COMPLETE, LIFESPAN_SHUTDOWN_FAILED);
            default -> EnumSet.noneOf(EventType.class);
        });
    }

    /** @return the lifespan's progress */
    public synchronized State current() {
        return state;
    }

    @Override
    public synchronized String state() {
        return state.name();
    }

    @Override
    public String scopeType() {
        return "lifespan";
    }

    private IllegalEventOrderException illegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.APPLICATION, "lifespan", state(),
                event.type(), allowedSends(), rule);
    }

    private IllegalEventOrderException serverIllegal(Event event, String rule) {
        return new IllegalEventOrderException(IllegalEventOrderException.Side.SERVER, "lifespan", state(),
                event.type(), Set.of(), rule);
    }
}
