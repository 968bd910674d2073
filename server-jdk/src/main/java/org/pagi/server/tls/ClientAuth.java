package org.pagi.server.tls;

/** Whether the server asks TLS clients for a certificate ({@code --ssl-client-auth}). */
public enum ClientAuth {
    /** Never asks: the scope's {@code client_cert_chain} is always empty. */
    NONE,
    /**
     * Asks, and accepts a client that sends none. A certificate that is sent must verify against the CA bundle,
     * or the handshake fails: an unverified certificate never reaches an application.
     */
    REQUEST,
    /** Asks, and refuses a client without a certificate that verifies against the CA bundle. */
    REQUIRE
}
