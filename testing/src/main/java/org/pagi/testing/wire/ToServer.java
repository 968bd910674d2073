package org.pagi.testing.wire;

/**
 * The send side of a wire connection's imaginary socket, as a {@link WireWebSocket} or {@link WireSseStream}
 * uses it: bytes to the server, and the client's FIN. {@link WireConnection} implements it by handing both to its
 * {@code Http1Connection} on the connection's loop.
 */
interface ToServer {
    /** Sends {@code bytes} to the server. */
    void send(byte[] bytes);

    /** Closes the client's side of the connection. */
    void fin();
}
