package org.pagi.wrappers.endpoint;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Send;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.WebSocketAccept;
import org.pagi.wrappers.websocket.MessageTooLargeException;
import org.pagi.wrappers.websocket.WebSocket;
import org.pagi.wrappers.websocket.WebSocketState;

/**
 * The {@code send} a WebSocket endpoint gives its socket: it notes the accept on its way out, so the endpoint
 * reports a disconnect only for a session that was accepted (not for a denied or refused handshake). Also the
 * rules both endpoint forms share after {@code onConnect} and on a failure.
 */
final class SessionWatch implements Send {
    /** The close code for a failing handler (RFC 6455 7.4.1, internal error). */
    static final int INTERNAL_ERROR = 1011;

    private final Send downstream;
    private volatile boolean accepted;

    SessionWatch(Send downstream) {
        this.downstream = downstream;
    }

    @Override
    public CompletionStage<Void> send(Event event) {
        if (event instanceof WebSocketAccept) {
            accepted = true;
        }
        return downstream.send(event);
    }

    boolean accepted() {
        return accepted;
    }

    /**
     * @return whether messages should be received: the handshake was accepted and the socket is open
     * @throws IllegalStateException when {@code onConnect} neither accepted nor refused the handshake
     */
    static boolean receiving(WebSocket ws) {
        if (ws.connectionState() == WebSocketState.CONNECTING) {
            throw new IllegalStateException("onConnect returned without accepting, denying or closing the"
                    + " handshake; the default onConnect accepts");
        }
        return ws.isConnected();
    }

    /** @return whether {@code failure} only means the socket closed with 1009 (already sent): not a failure */
    static boolean closedTooLarge(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof MessageTooLargeException;
    }
}
