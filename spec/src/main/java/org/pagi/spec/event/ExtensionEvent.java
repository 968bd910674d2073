package org.pagi.spec.event;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event outside the core spec, for extensions and experiments. Its type must not use a reserved prefix
 * ({@code http.}, {@code websocket.}, {@code sse.}, {@code lifespan.}, {@code pagi.}); {@code ext.} is the
 * conventional one. Servers reject extension events they have not advertised.
 *
 * @param type   the namespaced type string, e.g. {@code "ext.trace.mark"}
 * @param fields the event's data
 */
public record ExtensionEvent(String type, Map<String, Object> fields) implements ReceiveEvent, SendEvent {
    private static final Set<String> RESERVED = Set.of("http", "websocket", "sse", "lifespan", "pagi");

    /** Checks the type string and copies the fields. */
    public ExtensionEvent {
        Objects.requireNonNull(type, "type");
        int dot = type.indexOf('.');
        if (dot <= 0 || dot == type.length() - 1) {
            throw new IllegalArgumentException("event type must look like 'protocol.message', got '" + type + "'");
        }
        if (RESERVED.contains(type.substring(0, dot))) {
            throw new IllegalArgumentException("'" + type + "' uses a reserved prefix; core events have their own records");
        }
        fields = Map.copyOf(fields);
    }

    @Override
    public EventType kind() {
        return EventType.EXTENSION;
    }
}
