package org.pagi.spec.event;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Headers;

/**
 * {@code websocket.accept} (send): complete the handshake.
 *
 * @param subprotocol the chosen subprotocol, one the client offered; empty for none
 * @param headers     extra headers for the {@code 101} response
 */
public record WebSocketAccept(Optional<String> subprotocol, Headers headers) implements WebSocketEvent, SendEvent {
    /** Checks for null and a blank subprotocol. */
    public WebSocketAccept {
        Objects.requireNonNull(subprotocol, "subprotocol");
        Objects.requireNonNull(headers, "headers");
        if (subprotocol.isPresent() && subprotocol.get().isBlank()) {
            throw new IllegalArgumentException("websocket.accept: subprotocol is blank; use Optional.empty() for none");
        }
    }

    /** @return an accept with no subprotocol and no extra headers */
    public WebSocketAccept() {
        this(Optional.empty(), Headers.empty());
    }

    /** @return an accept choosing {@code subprotocol} */
    public static WebSocketAccept withSubprotocol(String subprotocol) {
        return new WebSocketAccept(Optional.of(subprotocol), Headers.empty());
    }

    @Override
    public EventType kind() {
        return EventType.WEBSOCKET_ACCEPT;
    }
}
