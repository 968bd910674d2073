package org.pagi.spec.order;

import java.util.Set;
import org.pagi.spec.event.Direction;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.EventType;

/** The checks every machine starts with: is this event of my protocol and of the right direction? */
final class OrderChecks {
    private OrderChecks() {
    }

    static void requireSendOf(String scopeType, Event event, Set<EventType> legalSends) {
        EventType kind = event.kind();
        if (kind == EventType.EXTENSION) {
            throw new IllegalArgumentException("%s: %s is an extension event this scope does not support"
                    .formatted(scopeType, event.type()));
        }
        if (!kind.protocol().equals(scopeType) || kind.direction() != Direction.SEND) {
            throw new IllegalArgumentException("%s: %s is not an event an application can send on a %s scope; it sends %s"
                    .formatted(scopeType, event.type(), scopeType, names(legalSends)));
        }
    }

    static void requireReceiveOf(String scopeType, Event event) {
        EventType kind = event.kind();
        if (!kind.protocol().equals(scopeType) || kind.direction() != Direction.RECEIVE) {
            throw new IllegalArgumentException("%s: %s is not an event a server delivers on a %s scope"
                    .formatted(scopeType, event.type(), scopeType));
        }
    }

    /**
     * A response that starts (a stream, a decline, a denial) carries a final status: 1xx responses are the
     * server's own business (100 Continue), never an application's answer.
     */
    static void requireFinalStatus(String scopeType, Event event,
            java.util.function.BiFunction<Event, String, IllegalEventOrderException> illegal) {
        int status = switch (event) {
            case org.pagi.spec.event.SseStart s -> s.status();
            case org.pagi.spec.event.SseHttpResponseStart s -> s.status();
            case org.pagi.spec.event.WebSocketHttpResponseStart s -> s.status();
            default -> 200;
        };
        if (status < 200) {
            throw illegal.apply(event, "status " + status + " is informational; " + scopeType
                    + " responses start with a final status (200-599)");
        }
    }

    static String names(Set<EventType> types) {
        return types.stream().map(EventType::wireName).sorted().toList().toString();
    }
}
