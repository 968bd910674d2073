package org.pagi.server.tls;

import java.io.IOException;

/**
 * One TLS connection failed: the handshake was refused (no common protocol or cipher suite, a missing or
 * untrusted client certificate, bytes that are not TLS at all), a record did not decrypt, or the peer tried to
 * renegotiate. The connection closes; the server goes on.
 */
public final class TlsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public TlsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the engine's report
     */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
