package org.pagi.wrappers.request;

/** The client went away ({@code http.disconnect}) before the whole body arrived; no response can be sent. */
public final class ClientDisconnectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The client left after {@code bytesRead} body bytes were read. */
    public ClientDisconnectedException(long bytesRead) {
        super("client disconnected while the request body was read, after " + bytesRead + " bytes");
    }
}
