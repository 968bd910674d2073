package org.pagi.wrappers.endpoint;

/**
 * A WebSocket message an endpoint's {@link Encoding} cannot take; the endpoint closes the socket with
 * {@link #closeCode()} and {@link #getMessage()} as the reason.
 */
public final class RejectedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** RFC 6455 7.4.1: a kind of data the endpoint does not accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** RFC 6455 7.4.1: data not consistent with the message's type (here: not JSON). */
    public static final int INVALID_PAYLOAD = 1007;

    private final int closeCode;

    /** @param closeCode the close code to send; @param reason the close reason (short: it goes in a close frame) */
    public RejectedMessageException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    /** @return the close code the endpoint sends */
    public int closeCode() {
        return closeCode;
    }
}
