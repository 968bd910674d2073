package org.pagi.compliance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Headers;

/**
 * A WebSocket over a plain {@link Socket}, with the kit's sans-IO codec in the client role: for what the JDK's
 * client hides, the Close frame the server sends and the end of the TCP connection after it. The handshake is
 * written with {@link WebSocketHandshake#request} and its answer checked with
 * {@link WebSocketHandshake#verifyResponse}. Every read fails after {@link ConformanceAppLiveTest#TIMEOUT}.
 *
 * <p>Used from one test thread.
 */
final class RawWebSocket implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = (int) ConformanceAppLiveTest.TIMEOUT.toMillis();

    private final Socket socket;
    private final InputStream in;
    private final WebSocketCodec codec;
    private final byte[] buffer = new byte[16 * 1024];

    private RawWebSocket(Socket socket, byte[] afterHead) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        // Deflate is not offered, so none is negotiated.
        this.codec = new WebSocketCodec(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(), Optional.empty(),
                RandomGenerator.getDefault());
        codec.feed(ByteBuffer.wrap(afterHead));
    }

    /** Opens a WebSocket to {@code target}; fails unless the server answers 101 as RFC 6455 section 4.2.2 says. */
    static RawWebSocket open(int port, String target) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        try {
            return handshake(socket, port, target);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    private static RawWebSocket handshake(Socket socket, int port, String target) throws IOException {
        String key = WebSocketHandshake.newKey(RandomGenerator.getDefault());
        socket.getOutputStream().write(WebSocketHandshake.request("127.0.0.1:" + port, target, key, List.of(), false,
                Headers.empty()));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        int end;
        while ((end = got.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n")) < 0) {
            int n = socket.getInputStream().read(chunk);
            if (n < 0) {
                throw new AssertionError("the server closed during the handshake: " + got);
            }
            got.write(chunk, 0, n);
        }
        byte[] all = got.toByteArray();
        String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        Optional<String> wrong = WebSocketHandshake.verifyResponse(status, fields(head), key);
        if (wrong.isPresent()) {
            throw new AssertionError(wrong.get() + " in:\n" + head);
        }
        return new RawWebSocket(socket, Arrays.copyOfRange(all, end + 4, all.length));
    }

    private static Headers fields(String head) {
        Headers.Builder fields = Headers.builder();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.add(name, line.substring(colon + 1).strip());
            }
        }
        return fields.build();
    }

    /** Sends a Close frame. */
    void sendClose(int code, String reason) throws IOException {
        for (ByteBuffer b : codec.close(code, reason)) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            socket.getOutputStream().write(bytes);
        }
        socket.getOutputStream().flush();
    }

    /** @return the next frame-level event; fails on a timeout or if the connection ends first */
    WsEvent next() throws IOException {
        while (true) {
            WsEvent e = codec.next();
            if (!(e instanceof WsEvent.NeedData)) {
                return e;
            }
            int n = read();
            if (n < 0) {
                throw new AssertionError("the server closed the connection before another frame");
            }
            codec.feed(ByteBuffer.wrap(buffer, 0, n));
        }
    }

    /** @return whether the server ended the TCP connection (end of stream or reset) with nothing more sent */
    boolean closedByServer() throws IOException {
        try {
            return read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    private int read() throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the server within " + TIMEOUT_MILLIS + " ms", e);
        }
    }

    @Override
    public void close() throws IOException {
        codec.close();
        socket.close();
    }
}
