package org.pagi.protocol.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Bytes;

/**
 * The one helper that builds frames and feeds a codec every way (STYLE: whole input, one byte at a time, every
 * fragment size, with trailing bytes), collecting events so that results compare equal however the bytes were
 * split.
 */
final class Wire {
    /** The masking key the tests' client frames use; any key works, a fixed one keeps failures repeatable. */
    static final byte[] KEY = {0x37, (byte) 0xFA, 0x21, 0x3D};

    private Wire() {
    }

    /** @return the buffers' remaining bytes, concatenated, without moving the buffers */
    static byte[] bytes(ByteBuffer... buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** @return the arrays, concatenated */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** @return a frame as a client sends it (masked with {@link #KEY}) */
    static byte[] client(boolean fin, int rsv, int opcode, Bytes payload) {
        return bytes(WebSocketCodec.frame(fin, rsv, opcode, payload, Optional.of(KEY.clone())));
    }

    /** @return a final, masked frame with no reserved bits */
    static byte[] client(int opcode, Bytes payload) {
        return client(true, 0, opcode, payload);
    }

    /** @return a final, masked frame carrying {@code text} as UTF-8 */
    static byte[] client(int opcode, String text) {
        return client(true, 0, opcode, Bytes.utf8(text));
    }

    /** @return a frame as a server sends it (unmasked) */
    static byte[] server(boolean fin, int rsv, int opcode, Bytes payload) {
        return bytes(WebSocketCodec.frame(fin, rsv, opcode, payload, Optional.empty()));
    }

    /** @return raw bytes from ints, for hand-written frames */
    static byte[] raw(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** @return a fresh codec with the default limits, no deflate and a seeded mask generator */
    static WebSocketCodec codec(WebSocketCodec.Role role) {
        return new WebSocketCodec(role, WebSocketLimits.defaults(), Optional.empty(), new java.util.Random(1));
    }

    /**
     * Feeds {@code input} in pieces of {@code fragment} bytes, draining events after each piece.
     *
     * @return every event but NEED_DATA; a Failure or Close is the last one
     */
    static List<WsEvent> decode(WebSocketCodec codec, byte[] input, int fragment) {
        List<WsEvent> events = new ArrayList<>();
        for (int pos = 0; pos < input.length || pos == 0; pos += fragment) {
            int n = Math.min(fragment, input.length - pos);
            codec.feed(ByteBuffer.wrap(input, pos, n));
            if (drain(codec, events)) {
                return events;
            }
            if (input.length == 0) {
                break;
            }
        }
        return events;
    }

    /** @return whether a terminal event (Failure or Close) ended the stream */
    static boolean drain(WebSocketCodec codec, List<WsEvent> events) {
        while (true) {
            WsEvent e = codec.next();
            if (e instanceof WsEvent.NeedData) {
                return false;
            }
            events.add(e);
            if (e instanceof WsEvent.Failure || e instanceof WsEvent.Close) {
                return true;
            }
        }
    }

    /** Decodes with a fresh SERVER codec every way and checks that all ways agree. */
    static List<WsEvent> server(byte[] input) {
        return everyWay(WebSocketCodec.Role.SERVER, WebSocketLimits.defaults(), Optional.empty(), input);
    }

    /** Decodes with a fresh CLIENT codec every way and checks that all ways agree. */
    static List<WsEvent> client(byte[] input) {
        return everyWay(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(), Optional.empty(), input);
    }

    /**
     * Decodes whole, one byte at a time, with every fragment size (every size up to 64 and a spread beyond),
     * and followed by trailing bytes (the start of another frame), and checks that all agree.
     */
    static List<WsEvent> everyWay(WebSocketCodec.Role role, WebSocketLimits limits, Optional<DeflateParams> deflate,
            byte[] input) {
        List<WsEvent> whole = run(role, limits, deflate, input, Math.max(1, input.length));
        for (int f = 1; f < input.length; f = f < 64 ? f + 1 : f * 2 + 1) {
            check(whole, run(role, limits, deflate, input, f), "fragment size " + f);
        }
        byte[] trailing = concat(input, raw(0x81, 0x85, 1, 2));
        check(whole, run(role, limits, deflate, trailing, Math.max(1, trailing.length)), "trailing bytes");
        check(whole, run(role, limits, deflate, trailing, 1), "trailing bytes, one at a time");
        return whole;
    }

    private static List<WsEvent> run(WebSocketCodec.Role role, WebSocketLimits limits, Optional<DeflateParams> deflate,
            byte[] input, int fragment) {
        try (WebSocketCodec codec = new WebSocketCodec(role, limits, deflate, new java.util.Random(1))) {
            return decode(codec, input, fragment);
        }
    }

    private static void check(List<WsEvent> expected, List<WsEvent> got, String how) {
        if (!expected.equals(got)) {
            throw new AssertionError(how + " gave " + got + " but the whole input gave " + expected);
        }
    }
}
