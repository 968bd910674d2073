package org.pagi.wrappers.sse;

import org.pagi.spec.DisconnectReason;

/** A send on an SSE stream whose client has gone ({@code sse.disconnect} was received). Nothing was sent. */
public final class SseDisconnectedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The disconnect token, kept as text so the exception stays serializable. */
    private final String reason;

    /** @param reason why the client went away */
    public SseDisconnectedException(DisconnectReason reason) {
        super("the SSE client has disconnected (" + reason.token() + "); nothing more can be sent");
        this.reason = reason.token();
    }

    /** Why the client went away. */
    public DisconnectReason reason() {
        return new DisconnectReason(reason);
    }
}
