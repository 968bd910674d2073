package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.protocol.websocket.WebSocketCodec;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * What the WebSocket cases share: frames built as bytes (legal or not, always masked as a client's must be),
 * writes in chops, and the checks every case makes (an echo, a pong, a failed connection, a clean close).
 * Stateless.
 */
final class WsWire {
    /** Where the cases open their WebSockets: the conformance contract accepts any path. */
    static final String PATH = "/wire";
    /** "κόσμε", the UTF-8 sample of Markus Kuhn's test file that Autobahn's 6.x cases are built on. */
    static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");

    private WsWire() {
    }

    /** @return a new WebSocket to the target, offering nothing */
    static WebSocketConnection open(Target t) throws IOException {
        return WebSocketConnection.open(t, PATH);
    }

    /** @return one frame as a client sends it: masked with a fresh key, any bits and opcode, any payload */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        ByteBuffer[] parts = WebSocketCodec.frame(fin, rsv, opcode, Bytes.of(payload), Optional.of(key));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : parts) {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    /** @return a final text frame */
    static byte[] text(byte[] utf8) {
        return frame(true, 0, Opcodes.TEXT, utf8);
    }

    /** @return a final text frame holding {@code text} */
    static byte[] text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a Ping frame */
    static byte[] ping(byte[] payload) {
        return frame(true, 0, Opcodes.PING, payload);
    }

    /** @return a Close frame carrying {@code code} as two bytes, whatever its value, and the reason's bytes */
    static byte[] closeFrame(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return frame(true, 0, Opcodes.CLOSE, payload);
    }

    /** @return the arrays one after another */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} in writes of {@code chop} bytes, pausing {@code pauseMillis} between them. */
    static void chopped(WebSocketConnection c, byte[] bytes, int chop, long pauseMillis)
            throws IOException, InterruptedException {
        for (int at = 0; at < bytes.length; at += chop) {
            c.raw(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chop)));
            if (pauseMillis > 0 && at + chop < bytes.length) {
                Thread.sleep(pauseMillis);
            }
        }
    }

    /** Writes each frame on its own, with a short pause between them: "frame-wise chops" in Autobahn's words. */
    static void frameWise(WebSocketConnection c, byte[]... frames) throws IOException, InterruptedException {
        for (byte[] f : frames) {
            c.raw(f);
            Thread.sleep(5);
        }
    }

    /** Writes that the server may cut short. */
    @FunctionalInterface
    interface Writes {
        /** Writes to the server. */
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs writes that the server may cut short by failing the connection part-way, as it must when an early byte
     * breaks a rule: a write error (broken pipe, reset) then means the server closed, which the case checks next.
     */
    static void mayBeCut(Writes writes) throws InterruptedException {
        try {
            writes.run();
        } catch (IOException closedByServer) {
            // expected once the server has failed the connection; what it sent before is still read
        }
    }

    /** Writes every byte on its own: "octet-wise chops". */
    static void octetWise(WebSocketConnection c, byte[] bytes) throws IOException, InterruptedException {
        chopped(c, bytes, 1, bytes.length <= 256 ? 1 : 0);
    }

    /** @return {@code n} bytes of ASCII text, a repeating pattern so a wrong offset shows */
    static String ascii(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    /** @return {@code n} random bytes, the same for the same seed */
    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** @return the bytes written in hex, as the UTF-8 samples are given */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** @return {@code b} in hex, for failure messages */
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Fails unless the next message is the text {@code expected}. */
    static void expectText(WebSocketConnection c, String expected) throws IOException {
        Expect.equal(WebSocketMessage.text(expected), c.message(), "echoed message");
    }

    /** Fails unless the next message is the binary {@code expected}. */
    static void expectBinary(WebSocketConnection c, byte[] expected) throws IOException {
        Expect.equal(WebSocketMessage.bytes(Bytes.of(expected)), c.message(), "echoed message");
    }

    /** Fails unless the very next frame is a Pong carrying {@code payload}. */
    static void expectPong(WebSocketConnection c, byte[] payload) throws IOException {
        WsEvent e = c.next();
        Expect.equal(new WsEvent.Pong(Bytes.of(payload)), e, "answer to the Ping (RFC 6455 section 5.5.2)");
    }

    /**
     * Fails unless the very next frame is a Close with one of {@code codes}, and the server then closes TCP
     * (RFC 6455 section 7.1.7: Fail the WebSocket Connection). Nothing else may come first: no Pong for a Ping
     * sent after the offending frame, no echo of a later message. The Close is answered, as a client must
     * (section 5.5.1), before waiting for the end of the connection.
     */
    static void expectFailure(WebSocketConnection c, int... codes) throws IOException {
        WsEvent e = c.next();
        if (!(e instanceof WsEvent.Close close)) {
            throw new CaseFailed("expected a Close with " + codes(codes) + " failing the connection, got " + e);
        }
        Expect.that(Arrays.stream(codes).anyMatch(x -> x == close.code()),
                "expected a Close with " + codes(codes) + ", got " + close.code() + " '" + close.reason() + "'");
        answerClose(c, close.code());
        Expect.that(c.closedByServer(), "the server sent Close " + close.code()
                + " but left TCP open (RFC 6455 section 7.1.7: it must close the connection)");
    }

    /**
     * The client's side of the closing handshake: sends Close 1000, expects a Close back (1000, or empty as a
     * Close with no code may be answered), then the server closing TCP (section 7.1.1: the server closes first).
     */
    static void closeCleanly(WebSocketConnection c) throws IOException {
        c.close(1000, "");
        WsEvent e = c.next();
        if (!(e instanceof WsEvent.Close close)) {
            throw new CaseFailed("expected the server's Close answering ours, got " + e);
        }
        Expect.equal(1000, close.code(), "code of the Close answering our Close 1000 (RFC 6455 section 5.5.1)");
        expectTcpClosed(c);
    }

    /** Fails unless the server closes TCP within the timeout. */
    static void expectTcpClosed(WebSocketConnection c) throws IOException {
        Expect.that(c.closedByServer(), "the server did not close TCP after the closing handshake "
                + "(RFC 6455 section 7.1.1: the server closes the TCP connection first)");
    }

    /** Answers a server's Close with {@code code} where it may be sent, else with an empty Close; best effort. */
    static void answerClose(WebSocketConnection c, int code) {
        try {
            boolean sendable = code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014
                    || code >= 3000 && code <= 4999;
            c.close(sendable ? code : 1005, "");
        } catch (IOException gone) {
            // the server may already have closed TCP, which is what the case checks next
        }
    }

    private static String codes(int[] codes) {
        return codes.length == 1 ? Integer.toString(codes[0])
                : String.join(" or ", Arrays.stream(codes).mapToObj(Integer::toString).toList());
    }
}
