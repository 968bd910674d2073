package org.pagi.protocol.websocket;

/**
 * The WebSocket peer broke the protocol: what it broke ({@link #violation()}) and the close code to answer with.
 * The codec turns it into a {@link WsEvent.Failure}; {@link PerMessageDeflate} throws it directly. The message
 * says where, naming an offending byte in hex, never echoing the input.
 */
public final class WsProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final WsViolation violation;
    private final String detail;

    /**
     * @param violation the rule broken
     * @param detail    where and how, without the raw input
     */
    public WsProtocolException(WsViolation violation, String detail) {
        super(violation.name() + ": " + detail + " (" + violation.rule() + ")");
        this.violation = violation;
        this.detail = detail;
    }

    /** @return the rule broken */
    public WsViolation violation() {
        return violation;
    }

    /** @return where and how, without the raw input */
    public String detail() {
        return detail;
    }

    /** @return the close code to send */
    public int closeCode() {
        return violation.closeCode();
    }

    /** @return this failure as the codec's terminal event */
    WsEvent.Failure toEvent() {
        return new WsEvent.Failure(violation, detail);
    }
}
