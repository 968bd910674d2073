package org.pagi.testing.wire;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketDisconnect;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * The client end of a WebSocket in wire mode ({@link WireConnection#websocket}): frames built and read by the
 * production {@link WebSocketCodec} in the client role (masked, compressed when permessage-deflate was agreed),
 * and carried as bytes through the server's own connection state machine, with no socket.
 *
 * <pre>{@code
 * try (WireWebSocket ws = connection.websocket("/echo")) {
 *     ws.sendText("hi");
 *     assertEquals(new WebSocketMessage.Text("hi"), ws.receive());
 * }
 * }</pre>
 *
 * <p>Three levels of reading: {@link #next()} returns every frame event exactly as it came and answers nothing;
 * {@link #receive()} returns the next message, answering pings and skipping pongs, as a browser does;
 * {@link #expectClose()} waits for the server's Close frame and answers it. For sending, the well-formed frames of
 * {@code sendText}, {@code sendBinary}, {@code ping}, {@code pong} and {@code close} come with
 * {@link #sendFrame} for any frame at all, illegal ones included, and {@link #sendRaw} for any bytes. Every wait
 * lasts at most the client's timeout, then fails with {@link PagiTestTimeoutException}.
 *
 * <p>Not thread-safe: used by one test thread.
 */
public final class WireWebSocket implements AutoCloseable {
    private final ToServer server;
    private final ServerBytes in;
    private final WebSocketCodec codec;
    private final Headers responseHeaders;
    private final Optional<String> subprotocol;
    private final Duration timeout;
    private final RandomGenerator maskKeys;
    private Optional<WsEvent.Close> closeReceived = Optional.empty();
    private boolean closeSent;
    private boolean released;

    WireWebSocket(ToServer server, ServerBytes in, WebSocketCodec codec, Headers responseHeaders,
            Optional<String> subprotocol, ByteBuffer early, Duration timeout, RandomGenerator maskKeys) {
        this.server = server;
        this.in = in;
        this.codec = codec;
        this.responseHeaders = responseHeaders;
        this.subprotocol = subprotocol;
        this.timeout = timeout;
        this.maskKeys = maskKeys;
        codec.feed(early); // frames the server wrote right behind its 101 head
    }

    /** @return the subprotocol the server chose ({@code sec-websocket-protocol} of the 101), one the client offered */
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    /** @return the header fields of the {@code 101} response, exactly as the server wrote them */
    public Headers responseHeaders() {
        return responseHeaders;
    }

    /** @return whether permessage-deflate was agreed, so messages travel compressed both ways */
    public boolean compressed() {
        return codec.deflateNegotiated();
    }

    /** Sends a text message as one frame. */
    public WireWebSocket sendText(String text) {
        return write(ServerBytes.concat(codec().message(new WebSocketMessage.Text(text))));
    }

    /** Sends a binary message as one frame. */
    public WireWebSocket sendBinary(Bytes bytes) {
        return write(ServerBytes.concat(codec().message(new WebSocketMessage.Binary(bytes))));
    }

    /** Sends a Ping; the server answers with a Pong carrying {@code payload} (at most 125 bytes). */
    public WireWebSocket ping(Bytes payload) {
        return write(ServerBytes.concat(codec().ping(payload)));
    }

    /** Sends an unsolicited Pong (at most 125 bytes of payload). */
    public WireWebSocket pong(Bytes payload) {
        return write(ServerBytes.concat(codec().pong(payload)));
    }

    /**
     * Starts the closing handshake: sends a Close frame. The server echoes it (see {@link #expectClose()}), its
     * application receives {@code websocket.disconnect} with {@code code} and {@code reason}, and the server closes
     * the connection ({@link #awaitClosed()}).
     *
     * @param code a close code a client may send (1000-1003, 1007-1014, 3000-4999), or 1005 for an empty Close
     * @throws IllegalStateException if a Close was sent already ({@link #sendFrame} sends another)
     */
    public WireWebSocket close(int code, String reason) {
        if (closeSent) {
            throw new IllegalStateException("this client already sent a Close; use sendFrame to send another");
        }
        byte[] frame = ServerBytes.concat(codec().close(code, reason));
        closeSent = true;
        return write(frame);
    }

    /**
     * Sends any frame, illegal ones included: a reserved opcode or bit, a fragmented control frame, an unmasked
     * frame (which a server must refuse with 1002).
     *
     * @param rsv    the three reserved bits as 0-7 ({@code Opcodes.RSV1} is 0b100)
     * @param opcode 0-15 ({@code org.pagi.protocol.websocket.Opcodes})
     * @param masked whether to mask it, with a fresh key, as a client must
     */
    public WireWebSocket sendFrame(boolean fin, int rsv, int opcode, Bytes payload, boolean masked) {
        Optional<byte[]> key = Optional.empty();
        if (masked) {
            int k = maskKeys.nextInt();
            key = Optional.of(new byte[] {(byte) (k >> 24), (byte) (k >> 16), (byte) (k >> 8), (byte) k});
        }
        return write(ServerBytes.concat(WebSocketCodec.frame(fin, rsv, opcode, payload, key)));
    }

    /** Sends {@code bytes} as they are. */
    public WireWebSocket sendRaw(byte[] bytes) {
        return write(bytes.clone());
    }

    /**
     * Closes the client's side of the connection with no closing handshake (a FIN): the application receives
     * {@code websocket.disconnect} with 1006, and the server closes the connection.
     */
    public void disconnect() {
        requireOpen();
        server.fin();
    }

    /**
     * @return the next event exactly as the server sent it: a message, a Ping (not answered), a Pong, the server's
     *         Close (not answered), or a {@link WsEvent.Failure} when the server broke the protocol
     * @throws AssertionError if the server closed the connection with no more frames
     * @throws PagiTestTimeoutException if nothing comes within the client's timeout
     */
    public WsEvent next() {
        requireOpen();
        long deadline = ServerBytes.deadline(timeout);
        while (true) {
            WsEvent e = codec.next();
            switch (e) {
                case WsEvent.NeedData n -> pull(deadline);
                case WsEvent.Close c -> {
                    closeReceived = Optional.of(c);
                    return c;
                }
                default -> {
                    return e;
                }
            }
        }
    }

    /**
     * @return the next message; Pings before it are answered with Pongs, Pongs are skipped
     * @throws AssertionError if a Close comes first, or the server broke the protocol
     */
    public WebSocketMessage receive() {
        while (true) {
            switch (next()) {
                case WsEvent.Message m -> {
                    return m.message();
                }
                case WsEvent.Ping p -> answerPing(p);
                case WsEvent.Pong p -> {
                    // unsolicited, or the answer to an earlier ping: nothing to do
                }
                case WsEvent.Close c -> throw new AssertionError("expected a message, got a Close " + describe(c));
                case WsEvent.Failure f -> throw brokenProtocol(f);
                case WsEvent.NeedData n -> throw new IllegalStateException("next() never yields NeedData");
            }
        }
    }

    /** @return the next message's text; fails if it is binary */
    public String receiveText() {
        WebSocketMessage m = receive();
        if (m instanceof WebSocketMessage.Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text message, got " + m);
    }

    /**
     * Waits for the server's Close frame and, unless this client sent a Close first, answers it with the same
     * code, as a browser does; the server then closes the connection. Pings before it are answered, Pongs skipped.
     *
     * @return the server's Close: code (1005 when it carried none) and reason
     * @throws AssertionError if a message comes first, or the server broke the protocol
     */
    public WsEvent.Close expectClose() {
        while (closeReceived.isEmpty()) {
            switch (next()) {
                case WsEvent.Message m -> throw new AssertionError("expected a Close, got a message: " + m.message());
                case WsEvent.Ping p -> answerPing(p);
                case WsEvent.Pong p -> {
                    // skipped, as in receive()
                }
                case WsEvent.Close c -> {
                    // recorded by next()
                }
                case WsEvent.Failure f -> throw brokenProtocol(f);
                case WsEvent.NeedData n -> throw new IllegalStateException("next() never yields NeedData");
            }
        }
        WsEvent.Close close = closeReceived.get();
        if (!closeSent) {
            close(close.code(), ""); // RFC 6455 section 5.5.1: echo the status code received
        }
        return close;
    }

    /**
     * Waits for the server to close the connection. Frames that arrive first are kept for {@link #next()}.
     *
     * @return whether it closed within the client's timeout
     */
    public boolean awaitClosed() {
        requireOpen();
        long deadline = ServerBytes.deadline(timeout);
        while (!in.ended()) {
            byte[] more = in.read(deadline);
            if (more == null) {
                return false;
            }
            codec.feed(ByteBuffer.wrap(more));
        }
        return true;
    }

    /**
     * Ends the WebSocket the polite way, unless it has ended already: answers the server's Close if one came, or
     * sends Close 1000; then waits (at most the timeout, without failing) for the server to close the connection.
     * Frees the codec; the object is unusable afterwards.
     */
    @Override
    public void close() {
        if (released) {
            return;
        }
        try {
            if (!in.ended()) {
                if (!closeSent) {
                    close(closeReceived.map(WsEvent.Close::code).orElse(1000), "");
                }
                awaitClosed();
            }
        } finally {
            released = true;
            codec.close();
        }
    }

    private void pull(long deadline) {
        byte[] more = in.read(deadline);
        if (more == null) {
            throw new PagiTestTimeoutException("no WebSocket frame from the server within " + timeout);
        }
        if (more.length == 0) {
            throw new AssertionError("the server closed the connection"
                    + closeReceived.map(c -> " after its Close " + describe(c)).orElse(" without a Close frame"));
        }
        codec.feed(ByteBuffer.wrap(more));
    }

    private void answerPing(WsEvent.Ping ping) {
        if (!closeSent) {
            write(ServerBytes.concat(codec.pong(ping.payload()))); // RFC 6455 section 5.5.2
        }
    }

    private WireWebSocket write(byte[] bytes) {
        requireOpen();
        server.send(bytes);
        return this;
    }

    private WebSocketCodec codec() {
        requireOpen();
        return codec;
    }

    private void requireOpen() {
        if (released) {
            throw new IllegalStateException("this WireWebSocket was closed");
        }
    }

    private static AssertionError brokenProtocol(WsEvent.Failure f) {
        return new AssertionError("the server broke the WebSocket protocol: " + f.violation() + " (" + f.detail()
                + "); a client closes with " + f.closeCode());
    }

    private static String describe(WsEvent.Close c) {
        return c.code() == WebSocketDisconnect.NO_STATUS ? "with no code"
                : c.code() + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\"");
    }
}
