package org.pagi.server.tls;

import java.io.IOException;

/**
 * The TLS settings cannot be used: a file is missing or unreadable, a password is wrong, the key does not match
 * the certificate. The message names the file and says what to do; the server does not start.
 */
public final class TlsSetupException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public TlsSetupException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause   the JDK's own report
     */
    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
