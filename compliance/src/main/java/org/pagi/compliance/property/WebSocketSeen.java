package org.pagi.compliance.property;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * What the client of one WebSocket saw.
 *
 * @param handshakeStatus {@link #ACCEPTED} when the handshake succeeded, else the status of the response that
 *                        refused it (403 for {@code websocket.close}, a denial's own status, the 500 backstop)
 * @param denialBody      the body of that refusing response; empty when accepted
 * @param denialAborted   whether the refusing response broke off; empty when the host cannot tell, or accepted
 * @param messages        the messages the client read, in order
 * @param close           the server's close as the client saw it while reading; empty if the client left first
 */
public record WebSocketSeen(int handshakeStatus, Bytes denialBody, Optional<Boolean> denialAborted,
        List<WebSocketMessage> messages, Optional<Closed> close) {
    /** The handshake status of an accepted WebSocket, whatever the HTTP version. */
    public static final int ACCEPTED = 101;

    /** Checks for nulls and copies the messages. */
    public WebSocketSeen {
        Objects.requireNonNull(denialBody, "denialBody");
        Objects.requireNonNull(denialAborted, "denialAborted");
        messages = List.copyOf(messages);
        Objects.requireNonNull(close, "close");
    }

    /** @return an accepted WebSocket */
    public static WebSocketSeen accepted(List<WebSocketMessage> messages, Optional<Closed> close) {
        return new WebSocketSeen(ACCEPTED, Bytes.empty(), Optional.empty(), messages, close);
    }

    /** @return a refused handshake */
    public static WebSocketSeen refused(int status, Bytes body, Optional<Boolean> aborted) {
        return new WebSocketSeen(status, body, aborted, List.of(), Optional.empty());
    }

    /**
     * The end of the WebSocket as the client saw it.
     *
     * @param code   the code of the server's Close frame; 1006 when the connection ended without one
     * @param reason its reason text
     */
    public record Closed(int code, String reason) {
        /** The code a client reports when the connection ended with no Close frame (RFC 6455 section 7.1.5). */
        public static final int ABNORMAL = 1006;

        /** Checks for null. */
        public Closed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
