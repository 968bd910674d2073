package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * The codec's laws: whatever is encoded comes back unchanged however it is fragmented and split, in both roles
 * and with any deflate parameters; declared limits are never exceeded; arbitrary bytes give events or a Failure,
 * never an exception.
 */
class WebSocketCodecPropertiesTest {

    /** @return text of about {@code utf8Bytes} bytes of UTF-8, with 1- to 4-byte characters */
    static String randomText(Random r, int utf8Bytes) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (n < utf8Bytes) {
            int kind = r.nextInt(10);
            int cp = kind < 7 ? r.nextInt(0x80) : kind == 7 ? 0x80 + r.nextInt(0x780)
                    : kind == 8 ? 0xE000 + r.nextInt(0x2000) : 0x10000 + r.nextInt(0x100000);
            sb.appendCodePoint(cp);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return sb.toString();
    }

    static WebSocketMessage randomMessage(Random r, int size) {
        if (r.nextBoolean()) {
            return WebSocketMessage.text(randomText(r, size));
        }
        byte[] b = new byte[size];
        // Half the binary messages repeat a short pattern, so deflate has something to find.
        if (r.nextBoolean()) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i < size; i++) {
                b[i] = (byte) "abcabd".charAt(i % 6);
            }
        }
        return WebSocketMessage.bytes(Bytes.of(b));
    }

    static byte[] payload(WebSocketMessage m) {
        return m instanceof WebSocketMessage.Text t ? t.text().getBytes(StandardCharsets.UTF_8)
                : ((WebSocketMessage.Binary) m).bytes().toByteArray();
    }

    /** Feeds {@code wire} in random pieces (1 byte up to 64 KiB), collecting every event. */
    static List<WsEvent> decodeSplit(WebSocketCodec codec, byte[] wire, Random r) {
        List<WsEvent> events = new ArrayList<>();
        int pos = 0;
        while (pos < wire.length) {
            int n = Math.min(wire.length - pos, r.nextBoolean() ? 1 + r.nextInt(16) : 1 + r.nextInt(65536));
            codec.feed(ByteBuffer.wrap(wire, pos, n));
            pos += n;
            if (Wire.drain(codec, events)) {
                break;
            }
        }
        return events;
    }

    /** Cuts {@code payload} into fragments at random points, with a Ping between two of them now and then. */
    static byte[] fragments(byte[] payload, int opcode, boolean masked, Random r, List<WsEvent> expected) {
        int pieces = 1 + r.nextInt(6);
        int[] cuts = r.ints(pieces - 1, 0, payload.length + 1).sorted().toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i < pieces; i++) {
            int to = i < pieces - 1 ? cuts[i] : payload.length;
            Optional<byte[]> key = masked ? Optional.of(new byte[] {(byte) r.nextInt(), 5, (byte) r.nextInt(), 9})
                    : Optional.empty();
            out.writeBytes(Wire.bytes(WebSocketCodec.frame(i == pieces - 1, 0, i == 0 ? opcode : Opcodes.CONTINUATION,
                    Bytes.of(payload, from, to - from), key)));
            if (i < pieces - 1 && r.nextInt(4) == 0) {
                out.writeBytes(Wire.bytes(WebSocketCodec.frame(true, 0, Opcodes.PING, Bytes.ascii("p" + i), key)));
                expected.add(new WsEvent.Ping(Bytes.ascii("p" + i)));
            }
            from = to;
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 125, 126, 127, 65535, 65536, 65537),
                Arbitraries.integers().between(0, 2000), Arbitraries.integers().between(0, 200 * 1024));
    }

    @Property(tries = 150)
    void aMessageArrivesWholeHoweverItIsFragmentedAndSplit(@ForAll("sizes") int size, @ForAll boolean fromClient,
            @ForAll long seed) {
        Random r = new Random(seed);
        WebSocketMessage m = randomMessage(r, size);
        List<WsEvent> expected = new ArrayList<>();
        int opcode = m instanceof WebSocketMessage.Text ? Opcodes.TEXT : Opcodes.BINARY;
        byte[] wire = fragments(payload(m), opcode, fromClient, r, expected);
        expected.add(new WsEvent.Message(m));
        WebSocketCodec receiver = Wire.codec(fromClient ? WebSocketCodec.Role.SERVER : WebSocketCodec.Role.CLIENT);
        assertEquals(expected, decodeSplit(receiver, wire, r));
    }

    @Provide
    Arbitrary<Optional<DeflateParams>> deflate() {
        Arbitrary<DeflateParams> params = net.jqwik.api.Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.integers().between(8, 15), Arbitraries.integers().between(8, 15))
                .as(DeflateParams::new);
        return Arbitraries.oneOf(Arbitraries.just(Optional.empty()), Arbitraries.just(Optional.of(DeflateParams.defaults())),
                params.map(Optional::of));
    }

    @Property(tries = 100)
    void conversationsRoundTripBetweenTwoCodecsWithAnyDeflateParameters(@ForAll("deflate") Optional<DeflateParams> deflate,
            @ForAll @IntRange(min = 1, max = 25) int count, @ForAll long seed) {
        Random r = new Random(seed);
        try (WebSocketCodec client = new WebSocketCodec(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(), deflate, r);
                WebSocketCodec server = new WebSocketCodec(WebSocketCodec.Role.SERVER, WebSocketLimits.defaults(), deflate)) {
            for (int i = 0; i < count; i++) {
                int size = r.nextInt(10) == 0 ? r.nextInt(100_000) : r.nextInt(300);
                WebSocketMessage up = randomMessage(r, size);
                WebSocketMessage down = randomMessage(r, size);
                assertEquals(List.of(new WsEvent.Message(up)), decodeSplit(server, Wire.bytes(client.message(up)), r));
                assertEquals(List.of(new WsEvent.Message(down)), decodeSplit(client, Wire.bytes(server.message(down)), r));
            }
            Bytes ping = Bytes.of(new byte[r.nextInt(126)]);
            assertEquals(List.of(new WsEvent.Ping(ping)), decodeSplit(server, Wire.bytes(client.ping(ping)), r));
            assertEquals(List.of(new WsEvent.Pong(ping)), decodeSplit(client, Wire.bytes(server.pong(ping)), r));
            assertEquals(List.of(new WsEvent.Close(4000, "done")), decodeSplit(server, Wire.bytes(client.close(4000, "done")), r));
        }
    }

    @Property(tries = 200)
    void noMessageOverTheLimitIsEverDelivered(@ForAll @IntRange(max = 3000) int size, @ForAll boolean compressed,
            @ForAll boolean fragmented, @ForAll long seed) {
        Random r = new Random(seed);
        long limit = 1000;
        byte[] message = new byte[size];
        if (r.nextBoolean()) {
            r.nextBytes(message);
        }
        Optional<DeflateParams> deflate = compressed ? Optional.of(DeflateParams.defaults()) : Optional.empty();
        Bytes payload = compressed ? new PerMessageDeflate(DeflateParams.defaults(), false, 1 << 20).compress(Bytes.of(message))
                : Bytes.of(message);
        int rsv = compressed ? Opcodes.RSV1 : 0;
        byte[] wire;
        if (fragmented && payload.length() > 1) {
            int cut = 1 + r.nextInt(payload.length() - 1);
            wire = Wire.concat(Wire.client(false, rsv, Opcodes.BINARY, payload.slice(0, cut)),
                    Wire.client(true, 0, Opcodes.CONTINUATION, payload.slice(cut, payload.length())));
        } else {
            wire = Wire.client(true, rsv, Opcodes.BINARY, payload);
        }
        WebSocketCodec server = new WebSocketCodec(WebSocketCodec.Role.SERVER, new WebSocketLimits(limit), deflate);
        List<WsEvent> events = decodeSplit(server, wire, r);
        if (size <= limit) {
            assertEquals(List.of(new WsEvent.Message(WebSocketMessage.bytes(Bytes.of(message)))), events);
        } else {
            assertEquals(1, events.size(), events::toString);
            WsEvent.Failure f = (WsEvent.Failure) events.get(0);
            assertEquals(1009, f.closeCode(), f::toString);
        }
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> damaged = Arbitraries.longs().map(WebSocketCodecPropertiesTest::damagedStream);
        return Arbitraries.oneOf(random, damaged);
    }

    /** A valid stream of client frames (plain, fragmented, compressed, control) with a few bytes changed. */
    static byte[] damagedStream(long seed) {
        Random r = new Random(seed);
        PerMessageDeflate peer = new PerMessageDeflate(DeflateParams.defaults(), false, 1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            WebSocketMessage m = randomMessage(r, r.nextInt(200));
            int opcode = m instanceof WebSocketMessage.Text ? Opcodes.TEXT : Opcodes.BINARY;
            switch (r.nextInt(4)) {
                case 0 -> out.writeBytes(fragments(payload(m), opcode, true, r, new ArrayList<>()));
                case 1 -> out.writeBytes(Wire.client(true, Opcodes.RSV1, opcode, peer.compress(Bytes.of(payload(m)))));
                case 2 -> out.writeBytes(Wire.client(Opcodes.CLOSE, Bytes.of(new byte[] {3, (byte) 0xE8, 'o', 'k'})));
                default -> out.writeBytes(Wire.client(Opcodes.PING, Bytes.of(new byte[r.nextInt(20)])));
            }
        }
        peer.close();
        byte[] b = out.toByteArray();
        for (int i = 0, n = r.nextInt(4); i < n && b.length > 0; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt();
        }
        return b;
    }

    @Property(tries = 1000)
    void arbitraryBytesGiveEventsOrAFailureNeverAnException(@ForAll("noise") byte[] input, @ForAll boolean deflate,
            @ForAll @IntRange(min = 1, max = 64) int fragment) {
        Optional<DeflateParams> params = deflate ? Optional.of(DeflateParams.defaults()) : Optional.empty();
        try (WebSocketCodec server = new WebSocketCodec(WebSocketCodec.Role.SERVER, new WebSocketLimits(64 * 1024), params)) {
            List<WsEvent> events = Wire.decode(server, input, fragment); // any exception fails the property
            for (int i = 0; i < events.size(); i++) {
                WsEvent e = events.get(i);
                boolean terminal = e instanceof WsEvent.Failure || e instanceof WsEvent.Close;
                assertTrue(!terminal || i == events.size() - 1, "nothing follows a Failure or a Close: " + events);
                assertTrue(!(e instanceof WsEvent.NeedData), "NEED_DATA is never collected");
            }
            assertTrue(server.buffered() <= input.length, "the codec holds no more than it was given");
        }
    }
}
