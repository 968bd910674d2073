package org.pagi.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.pagi.protocol.websocket.DeflateParams;
import org.pagi.protocol.websocket.PerMessageDeflate;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.protocol.websocket.WebSocketLimits;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.WebSocketMessage;

/**
 * A raw WebSocket client for black-box tests: the handshake as bytes, frames through the production codec in
 * the client role (or built by hand, legal or not), and reads that fail after a timeout instead of hanging.
 */
final class WsClient implements AutoCloseable {
    private static final RandomGenerator RANDOM = RandomGenerator.getDefault();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private final String head;
    private final WebSocketCodec codec;

    private WsClient(Socket socket, String head, byte[] early, Optional<DeflateParams> deflate) {
        this.socket = socket;
        try {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        this.head = head;
        this.codec = new WebSocketCodec(WebSocketCodec.Role.CLIENT, new WebSocketLimits(64L * 1024 * 1024), deflate,
                RANDOM);
        codec.feed(ByteBuffer.wrap(early));
    }

    /** Opens a WebSocket to {@code target}, failing the test unless the server answers 101 correctly. */
    static WsClient open(int port, String target, List<String> subprotocols, boolean offerDeflate) throws IOException {
        Socket s = connect(port);
        String key = WebSocketHandshake.newKey(RANDOM);
        s.getOutputStream().write(WebSocketHandshake.request("127.0.0.1:" + port, target, key, subprotocols,
                offerDeflate, Headers.empty()));
        Head h = readHead(s);
        if (h.status != 101) {
            throw new AssertionError("expected 101, got: " + h.text);
        }
        Headers headers = h.headers();
        Optional<String> wrong = WebSocketHandshake.verifyResponse(h.status, headers, key);
        if (wrong.isPresent()) {
            throw new AssertionError(wrong.get() + " in: " + h.text);
        }
        Optional<DeflateParams> deflate = headers.first("sec-websocket-extensions")
                .flatMap(PerMessageDeflate::acceptResponse);
        return new WsClient(s, h.text, h.rest, deflate);
    }

    /** Opens a WebSocket offering exactly {@code extensionOffer} as {@code sec-websocket-extensions}. */
    static WsClient openOffering(int port, String extensionOffer) throws IOException {
        Socket s = connect(port);
        String key = WebSocketHandshake.newKey(RANDOM);
        s.getOutputStream().write(WebSocketHandshake.request("127.0.0.1:" + port, "/", key, List.of(), false,
                Headers.of("sec-websocket-extensions", extensionOffer)));
        Head h = readHead(s);
        if (h.status != 101) {
            throw new AssertionError("expected 101, got: " + h.text);
        }
        Optional<DeflateParams> deflate = h.headers().first("sec-websocket-extensions")
                .flatMap(PerMessageDeflate::acceptResponse);
        return new WsClient(s, h.text, h.rest, deflate);
    }

    static WsClient open(int port) throws IOException {
        return open(port, "/", List.of(), false);
    }

    /** Sends {@code request} as it is and returns the server's whole answer up to its close (for rejections). */
    static String rejected(int port, String request) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] b = new byte[4096];
            int n;
            while ((n = s.getInputStream().read(b)) >= 0) {
                all.write(b, 0, n);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        s.setTcpNoDelay(true);
        return s;
    }

    private record Head(int status, String text, byte[] rest) {
        Headers headers() {
            Headers.Builder b = Headers.builder();
            String[] lines = text.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    b.add(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return b.build();
        }
    }

    private static Head readHead(Socket s) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] b = new byte[4096];
        while (true) {
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                byte[] all = got.toByteArray();
                int status = Integer.parseInt(text.substring(9, 12));
                return new Head(status, text.substring(0, end + 4),
                        java.util.Arrays.copyOfRange(all, end + 4, all.length));
            }
            int n = s.getInputStream().read(b);
            if (n < 0) {
                throw new AssertionError("the server closed during the handshake; got: " + text);
            }
            got.write(b, 0, n);
        }
    }

    /** @return the 101 response head */
    String head() {
        return head;
    }

    WsClient sendText(String text) throws IOException {
        return write(codec.message(WebSocketMessage.text(text)));
    }

    WsClient sendBinary(Bytes bytes) throws IOException {
        return write(codec.message(WebSocketMessage.bytes(bytes)));
    }

    WsClient ping(Bytes payload) throws IOException {
        return write(codec.ping(payload));
    }

    WsClient pong(Bytes payload) throws IOException {
        return write(codec.pong(payload));
    }

    WsClient close(int code, String reason) throws IOException {
        return write(codec.close(code, reason));
    }

    /** Sends a frame built by hand, masked with a random key as a client must unless {@code masked} is false. */
    WsClient frame(boolean fin, int rsv, int opcode, Bytes payload, boolean masked) throws IOException {
        byte[] key = new byte[4];
        RANDOM.nextBytes(key);
        return write(WebSocketCodec.frame(fin, rsv, opcode, payload, masked ? Optional.of(key) : Optional.empty()));
    }

    /** Sends raw bytes. */
    WsClient raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    private WsClient write(ByteBuffer[] buffers) throws IOException {
        for (ByteBuffer b : buffers) {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.write(copy);
        }
        out.flush();
        return this;
    }

    /** @return the next frame-level event from the server, failing after the timeout or at the end of the stream */
    WsEvent next() throws IOException {
        while (true) {
            WsEvent e = codec.next();
            if (!(e instanceof WsEvent.NeedData)) {
                return e;
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException t) {
                throw new AssertionError("no frame from the server within 5 s", t);
            }
            if (n < 0) {
                throw new AssertionError("the server closed TCP without (another) frame");
            }
            codec.feed(ByteBuffer.wrap(buf, 0, n));
        }
    }

    /** @return the next message, skipping pings (answered) and pongs */
    WebSocketMessage message() throws IOException {
        while (true) {
            switch (next()) {
                case WsEvent.Message m -> {
                    return m.message();
                }
                case WsEvent.Ping p -> pong(p.payload());
                case WsEvent.Pong p -> {
                    // unsolicited: ignored
                }
                case WsEvent other -> throw new AssertionError("expected a message, got " + other);
            }
        }
    }

    /** @return the server's Close frame (skipping messages and pings), failing if something else ends the stream */
    WsEvent.Close expectClose() throws IOException {
        while (true) {
            WsEvent e = next();
            if (e instanceof WsEvent.Close c) {
                return c;
            }
            if (e instanceof WsEvent.Failure f) {
                throw new AssertionError("the server broke the protocol: " + f);
            }
        }
    }

    /** @return whether the server closed TCP (EOF or reset) within the timeout, discarding anything before it */
    boolean closedByServer() throws IOException {
        try {
            while (in.read(buf) >= 0) {
                // skip whatever came before the end
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        codec.close();
        socket.close();
    }
}
