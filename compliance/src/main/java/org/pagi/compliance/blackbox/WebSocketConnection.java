package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
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
 * A WebSocket for wire cases: the opening handshake as bytes, then frames through the kit's sans-IO codec in the
 * client role, or built by hand ({@link #frame}) when a case needs an illegal one. Every wait fails after the
 * target's timeout with a {@link CaseFailed}. Used from one thread.
 */
public final class WebSocketConnection implements AutoCloseable {
    private static final RandomGenerator RANDOM = RandomGenerator.getDefault();

    private final Target target;
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final String head;
    private final Headers headers;
    private final WebSocketCodec codec;

    private WebSocketConnection(Target target, Socket socket, String head, Headers headers, byte[] early,
            Optional<DeflateParams> deflate) throws IOException {
        this.target = target;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.head = head;
        this.headers = headers;
        this.codec = new WebSocketCodec(WebSocketCodec.Role.CLIENT, new WebSocketLimits(256L * 1024 * 1024), deflate,
                RANDOM);
        codec.feed(ByteBuffer.wrap(early));
    }

    /** The answer to an opening handshake the server did not accept. */
    public record Refusal(int status, Headers headers, String body) {
    }

    /** Opens a WebSocket to {@code path} offering nothing; fails the case unless the server answers 101 correctly. */
    public static WebSocketConnection open(Target target, String path) throws IOException {
        return open(target, path, List.of(), Optional.empty());
    }

    /**
     * Opens a WebSocket, offering {@code subprotocols} and, when present, {@code extensions} as the
     * {@code sec-websocket-extensions} header; fails the case unless the answer is a correct 101 (RFC 6455
     * section 4.2.2) whose extensions the client can accept.
     */
    public static WebSocketConnection open(Target target, String path, List<String> subprotocols,
            Optional<String> extensions) throws IOException {
        Socket s = target.connect();
        try {
            String key = WebSocketHandshake.newKey(RANDOM);
            Headers extra = extensions.map(e -> Headers.of("sec-websocket-extensions", e)).orElse(Headers.empty());
            s.getOutputStream().write(WebSocketHandshake.request(target.authority(), path, key, subprotocols, false,
                    extra));
            Head h = readHead(s, target);
            Optional<String> wrong = WebSocketHandshake.verifyResponse(h.status, h.headers, key);
            if (wrong.isPresent()) {
                throw new CaseFailed("handshake answer: " + wrong.get() + "; head " + Expect.excerpt(h.text));
            }
            Optional<DeflateParams> deflate = Optional.empty();
            Optional<String> agreed = h.headers.first("sec-websocket-extensions");
            if (agreed.isPresent()) {
                deflate = PerMessageDeflate.acceptResponse(agreed.get());
                if (deflate.isEmpty() || extensions.isEmpty()) {
                    throw new CaseFailed("the server agreed to extensions the client cannot accept: "
                            + Expect.excerpt(agreed.get()) + " (RFC 6455 section 9.1)");
                }
            }
            return new WebSocketConnection(target, s, h.text, h.headers, h.rest, deflate);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends {@code request} as it is and reads the answer, which must not be a 101; the connection is closed. */
    public static Refusal refused(Target target, String request) throws IOException {
        try (HttpConnection c = target.http()) {
            var r = c.send(request).read(request.startsWith("HEAD ") ? "HEAD" : "GET", true);
            Expect.that(r.status() != 101, "the server switched protocols for a handshake it must refuse");
            return new Refusal(r.status(), r.headers(), r.body().latin1());
        }
    }

    private record Head(int status, String text, Headers headers, byte[] rest) {
    }

    private static Head readHead(Socket s, Target target) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        while (true) {
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                byte[] all = got.toByteArray();
                return new Head(status(text), text.substring(0, end + 4), fields(text.substring(0, end)),
                        java.util.Arrays.copyOfRange(all, end + 4, all.length));
            }
            int n;
            try {
                n = s.getInputStream().read(b);
            } catch (SocketTimeoutException e) {
                throw new CaseFailed("no handshake answer within " + target.timeout().toMillis() + " ms");
            }
            if (n < 0) {
                throw new CaseFailed("the server closed during the handshake; got " + Expect.excerpt(text));
            }
            got.write(b, 0, n);
        }
    }

    private static int status(String head) {
        if (head.length() < 12 || !head.startsWith("HTTP/1.1 ")) {
            throw new CaseFailed("not an HTTP/1.1 status line: " + Expect.excerpt(head));
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new CaseFailed("not an HTTP/1.1 status line: " + Expect.excerpt(head));
        }
    }

    private static Headers fields(String head) {
        Headers.Builder b = Headers.builder();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                b.add(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return b.build();
    }

    /** @return the 101 head as it arrived */
    public String head() {
        return head;
    }

    /** @return the 101 response's header fields (lower-case names) */
    public Headers headers() {
        return headers;
    }

    /** @return whether permessage-deflate was agreed */
    public boolean compressed() {
        return codec.deflateNegotiated();
    }

    /** Sends a text message (compressed when agreed). */
    public WebSocketConnection sendText(String text) throws IOException {
        return write(codec.message(WebSocketMessage.text(text)));
    }

    /** Sends a binary message (compressed when agreed). */
    public WebSocketConnection sendBinary(Bytes bytes) throws IOException {
        return write(codec.message(WebSocketMessage.bytes(bytes)));
    }

    /** Sends a Ping. */
    public WebSocketConnection ping(Bytes payload) throws IOException {
        return write(codec.ping(payload));
    }

    /** Sends a Pong. */
    public WebSocketConnection pong(Bytes payload) throws IOException {
        return write(codec.pong(payload));
    }

    /** Sends a Close with {@code code} (1005: an empty Close) and {@code reason}. */
    public WebSocketConnection close(int code, String reason) throws IOException {
        return write(codec.close(code, reason));
    }

    /**
     * Sends one frame built by hand: any FIN, RSV bits (0-7, RSV1 = 4), opcode and payload, masked with a random
     * key unless {@code masked} is false.
     */
    public WebSocketConnection frame(boolean fin, int rsv, int opcode, Bytes payload, boolean masked)
            throws IOException {
        byte[] key = new byte[4];
        RANDOM.nextBytes(key);
        return write(WebSocketCodec.frame(fin, rsv, opcode, payload, masked ? Optional.of(key) : Optional.empty()));
    }

    /** Sends raw bytes. */
    public WebSocketConnection raw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    private WebSocketConnection write(ByteBuffer[] buffers) throws IOException {
        for (ByteBuffer b : buffers) {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            socket.getOutputStream().write(copy);
        }
        socket.getOutputStream().flush();
        return this;
    }

    /** @return the next frame-level event from the server; fails on timeout or when TCP ends first */
    public WsEvent next() throws IOException {
        while (true) {
            WsEvent e = codec.next();
            if (!(e instanceof WsEvent.NeedData)) {
                if (e instanceof WsEvent.Failure f) {
                    throw new CaseFailed("the server broke RFC 6455: " + f.violation().rule() + " (" + f.detail() + ")");
                }
                return e;
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException t) {
                throw new CaseFailed("no frame from the server within " + target.timeout().toMillis() + " ms");
            } catch (SocketException | SSLException reset) {
                n = -1;
            }
            if (n < 0) {
                throw new CaseFailed("the server closed TCP without a (further) frame");
            }
            codec.feed(ByteBuffer.wrap(buffer, 0, n));
        }
    }

    /** @return the next message, answering pings and skipping pongs; fails on anything else */
    public WebSocketMessage message() throws IOException {
        while (true) {
            switch (next()) {
                case WsEvent.Message m -> {
                    return m.message();
                }
                case WsEvent.Ping p -> pong(p.payload());
                case WsEvent.Pong p -> {
                    // unsolicited pongs carry nothing for a case
                }
                case WsEvent other -> throw new CaseFailed("expected a message, got " + other);
            }
        }
    }

    /** @return the server's Close (messages and pings before it are skipped) */
    public WsEvent.Close expectClose() throws IOException {
        while (true) {
            if (next() instanceof WsEvent.Close c) {
                return c;
            }
        }
    }

    /**
     * One frame exactly as the server sent it, for cases about the header bits themselves (RSV1 under RFC 7692).
     *
     * @param fin     the FIN bit
     * @param rsv     the reserved bits as 0-7 (RSV1 = 4)
     * @param opcode  the opcode
     * @param masked  whether the server masked it (it must not, RFC 6455 section 5.1)
     * @param payload the payload as on the wire (unmasked, never decompressed)
     */
    public record RawFrame(boolean fin, int rsv, int opcode, boolean masked, Bytes payload) {
    }

    /**
     * Reads the next frame straight off the socket, past the codec. A connection read this way must be read this way
     * only: the codec would lose its place.
     *
     * @return the frame; fails the case on timeout, when TCP ends first, or for a payload over 256 MiB
     */
    public RawFrame rawFrame() throws IOException {
        if (codec.buffered() > 0) {
            throw new IllegalStateException("the codec holds received bytes already; use next() on this connection");
        }
        byte[] h = readExactly(2);
        int len7 = h[1] & 0x7F;
        long len = len7;
        if (len7 >= 126) {
            len = 0;
            for (byte b : readExactly(len7 == 126 ? 2 : 8)) {
                len = len << 8 | (b & 0xFF);
            }
        }
        boolean masked = (h[1] & 0x80) != 0;
        byte[] key = masked ? readExactly(4) : new byte[4];
        if (len < 0 || len > 256L * 1024 * 1024) {
            throw new CaseFailed("the server announced a frame of " + Long.toUnsignedString(len) + " bytes");
        }
        byte[] payload = readExactly((int) len);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        return new RawFrame((h[0] & 0x80) != 0, (h[0] >> 4) & 7, h[0] & 0x0F, masked, Bytes.of(payload));
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] out = new byte[n];
        int at = 0;
        while (at < n) {
            int got;
            try {
                got = in.read(out, at, n - at);
            } catch (SocketTimeoutException t) {
                throw new CaseFailed("no frame from the server within " + target.timeout().toMillis() + " ms");
            } catch (SocketException | SSLException reset) {
                got = -1;
            }
            if (got < 0) {
                throw new CaseFailed(at == 0 ? "the server closed TCP without a (further) frame"
                        : "the server closed TCP in the middle of a frame");
            }
            at += got;
        }
        return out;
    }

    /** @return whether the server closed TCP (FIN or reset) within the timeout, discarding what came first */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read(buffer) >= 0) {
                // drain whatever came before the end
            }
            return true;
        } catch (SocketException | SSLException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        codec.close();
        socket.close();
    }
}
