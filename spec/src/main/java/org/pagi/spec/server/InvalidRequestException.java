package org.pagi.spec.server;

/**
 * A request head that cannot become a scope, with the HTTP status a server should answer (400 unless said
 * otherwise). The message names what was wrong and where, without echoing the raw input.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the status a server answers with
     * @param message what was wrong
     */
    public InvalidRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the status a server answers with */
    public int status() {
        return status;
    }
}
