package org.pagi.protocol.http1;

/**
 * The peer broke HTTP/1.1: what it broke ({@link #violation()}) and what to do (answer {@link #status()}, then
 * close). The message says where, naming an offending byte in hex, never echoing the input.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Violation violation;

    /**
     * @param violation the rule broken
     * @param detail    where and how, without the raw input
     */
    public ProtocolException(Violation violation, String detail) {
        super(violation.name() + ": " + detail + " (" + violation.rule() + ")");
        this.violation = violation;
    }

    /** @return the rule broken */
    public Violation violation() {
        return violation;
    }

    /** @return the status a server answers with */
    public int status() {
        return violation.status();
    }
}
