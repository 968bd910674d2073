package org.pagi.examples.support;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * One open WebSocket as its client holds it, independent of the transport: messages both ways and the two ways a
 * client leaves (a Close frame, or a dropped connection). Messages are the spec's {@link WebSocketMessage} values,
 * which compare by content, so a check can compare what it sent with what came back.
 *
 * <p>Every wait is bounded; a check fails rather than hangs. Used from one test thread.
 */
public interface ExampleWebSocket extends AutoCloseable {
    /** The close code of a normal closure (RFC 6455 section 7.4.1). */
    int NORMAL_CLOSURE = 1000;

    /** @return the subprotocol the server chose in the handshake; empty if it chose none */
    Optional<String> subprotocol();

    /** Sends a text message (a text frame, UTF-8 on a wire). */
    void sendText(String text);

    /** Sends a binary message. */
    void sendBytes(Bytes bytes);

    /**
     * @return the next message the server sends
     * @throws AssertionError if the server closes the WebSocket instead
     * @throws org.pagi.testing.PagiTestTimeoutException if nothing comes within the client's timeout
     */
    WebSocketMessage receive();

    /**
     * The client closes with a Close frame carrying {@code code} and {@code reason}, after the messages it already
     * sent, then waits until the server has finished with the WebSocket (in process: the application returned; on
     * a socket: the server's Close frame or the end of the connection). Does nothing the second time.
     *
     * @param code a close code a client may send (1000-1003, 1007-1014, 3000-4999)
     */
    void close(int code, String reason);

    /**
     * The connection drops with no close handshake (the server sees code 1006, {@code client_closed}); messages
     * the server has not read yet may be lost. Then waits as {@link #close(int, String)} does.
     */
    void disconnect();

    /** Closes normally: {@code close(NORMAL_CLOSURE, "")}. */
    @Override
    default void close() {
        close(NORMAL_CLOSURE, "");
    }
}
