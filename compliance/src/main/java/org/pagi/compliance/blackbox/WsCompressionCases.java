package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pagi.protocol.websocket.Opcodes;
import org.pagi.spec.Bytes;

/**
 * Negotiating permessage-deflate (RFC 7692 sections 5 and 7), after Autobahn's group 13: each parameter offered
 * alone and in Autobahn's combinations is accepted and answered as section 7.1 requires, and then honoured on the
 * wire (no context kept, no window exceeded); offers the section says a server must decline are declined. The
 * traffic itself is in {@link WsCompressedMessageCases}.
 */
final class WsCompressionCases {
    /** Message sizes of Autobahn 12.x and 13.x, minus the largest repetitions. */
    static final int[] SIZES = {16, 64, 256, 1024, 4096, 16384, 65536, 131072};

    private WsCompressionCases() {
    }

    /**
     * One permessage-deflate offer.
     *
     * @param serverNoContext offers {@code server_no_context_takeover}
     * @param serverBits      {@code server_max_window_bits=N}, or 0 for none
     * @param clientNoContext offers {@code client_no_context_takeover}
     * @param clientBits      {@code client_max_window_bits=N}, 0 for the parameter without a value, -1 for none
     */
    record Offer(boolean serverNoContext, int serverBits, boolean clientNoContext, int clientBits) {
        /** The plain offer: no parameter. */
        static final Offer PLAIN = new Offer(false, 0, false, -1);

        /** @return the offer as a header element */
        String header() {
            StringBuilder sb = new StringBuilder("permessage-deflate");
            if (serverNoContext) {
                sb.append("; server_no_context_takeover");
            }
            if (clientNoContext) {
                sb.append("; client_no_context_takeover");
            }
            if (serverBits > 0) {
                sb.append("; server_max_window_bits=").append(serverBits);
            }
            if (clientBits >= 0) {
                sb.append("; client_max_window_bits").append(clientBits > 0 ? "=" + clientBits : "");
            }
            return sb.toString();
        }

        /** @return what is wrong with {@code answer} as an acceptance of this offer (RFC 7692 section 7.1) */
        Optional<String> wrongIn(Map<String, String> answer) {
            if (serverNoContext && !answer.containsKey("server_no_context_takeover")) {
                return Optional.of("server_no_context_takeover offered but not in the answer (section 7.1.1.1)");
            }
            if (serverBits > 0 && !(answer.containsKey("server_max_window_bits")
                    && bits(answer.get("server_max_window_bits")) <= serverBits)) {
                return Optional.of("server_max_window_bits=" + serverBits + " offered, so the answer must carry it "
                        + "with that value or less (section 7.1.2.1)");
            }
            if (clientBits < 0 && answer.containsKey("client_max_window_bits")) {
                return Optional.of("client_max_window_bits is in the answer but was not offered (section 7.1.2.2)");
            }
            if (clientBits > 0 && answer.containsKey("client_max_window_bits")
                    && bits(answer.get("client_max_window_bits")) > clientBits) {
                return Optional.of("client_max_window_bits=" + clientBits + " offered, the answer may only lower it "
                        + "(section 7.1.2.2)");
            }
            return Optional.empty();
        }

        private static int bits(String value) {
            return value.matches("[89]|1[0-5]") ? Integer.parseInt(value) : Integer.MAX_VALUE;
        }
    }

    /** A WebSocket with permessage-deflate agreed, and the agreed parameters. */
    record Agreed(WebSocketConnection connection, Map<String, String> params) implements AutoCloseable {
        boolean serverNoContext() {
            return params.containsKey("server_no_context_takeover");
        }

        /** @return whether the client may keep no context, because it said so or was told to */
        boolean clientNoContext(Offer offer) {
            return offer.clientNoContext() || params.containsKey("client_no_context_takeover");
        }

        /** @return whether the client must stay under a 32 KiB window: it offered or was given a lower limit */
        boolean clientWindowLimited(Offer offer) {
            return offer.clientBits() > 0 && offer.clientBits() < 15
                    || params.containsKey("client_max_window_bits") && !params.get("client_max_window_bits")
                    .equals("15");
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    static List<WireCase> all() {
        List<WireCase> all = new ArrayList<>();
        all.add(WireCase.of(Category.WEBSOCKET, "deflate-accepted", "RFC 7692 sections 5 and 7 (Autobahn 12.1): a "
                + "plain permessage-deflate offer is accepted, its answer names no client_max_window_bits (section "
                + "7.1.2.2), and compressed messages echo", t -> offers(t, List.of(Offer.PLAIN))));
        List<List<Offer>> autobahn13 = List.of(
                List.of(new Offer(false, 0, false, 0)),
                List.of(new Offer(true, 0, false, 0)),
                List.of(new Offer(false, 8, false, 0)),
                List.of(new Offer(false, 15, false, 0)),
                List.of(new Offer(true, 8, false, 0)),
                List.of(new Offer(true, 15, false, 0)),
                List.of(new Offer(true, 8, false, 0), new Offer(true, 0, false, 0), new Offer(false, 0, false, 0)));
        for (int i = 0; i < autobahn13.size(); i++) {
            List<Offer> offers = autobahn13.get(i);
            all.add(WireCase.of(Category.WEBSOCKET, "deflate-offer-13-" + (i + 1), "RFC 7692 section 7.1 (Autobahn 13."
                    + (i + 1) + ".x): the offer '" + String.join(", ", offers.stream().map(Offer::header).toList())
                    + "' is accepted, its answer as section 7.1 requires, and messages of 16 B to 128 KiB echo "
                    + "(accepting every valid offer is the kit's promise; the RFC lets a server decline one)",
                    t -> offers(t, offers)));
        }
        all.add(WireCase.of(Category.WEBSOCKET, "deflate-server-no-context-takeover", "RFC 7692 section 7.1.1.1: "
                + "server_no_context_takeover is accepted by naming it in the answer, and then every server message "
                + "inflates on its own", WsCompressionCases::serverNoContext));
        all.add(WireCase.of(Category.WEBSOCKET, "deflate-client-no-context-takeover", "RFC 7692 section 7.1.1.2: "
                + "with client_no_context_takeover offered, messages each compressed afresh echo",
                WsCompressionCases::clientNoContext));
        for (int bits = 8; bits <= 15; bits++) {
            int n = bits;
            all.add(WireCase.of(Category.WEBSOCKET, "deflate-server-max-window-bits-" + n, "RFC 7692 section "
                    + "7.1.2.1 (Autobahn 13.3-13.6): server_max_window_bits=" + n + " is accepted with that value or "
                    + "less, and the server's compressed data never refers back further than that window (accepting "
                    + "it is the kit's promise; the RFC lets a server decline)",
                    t -> serverWindow(t, n)));
        }
        all.add(WireCase.of(Category.WEBSOCKET, "deflate-client-max-window-bits", "RFC 7692 section 7.1.2.2: "
                + "client_max_window_bits without a value is accepted, any limit in the answer is 8-15, and "
                + "messages compressed within it echo", t -> clientWindow(t, new Offer(false, 0, false, 0))));
        all.add(WireCase.of(Category.WEBSOCKET, "deflate-client-max-window-bits-10", "RFC 7692 section 7.1.2.2: "
                + "client_max_window_bits=10 is accepted, the answer may only lower it, and messages compressed "
                + "within 2^10 bytes echo", t -> clientWindow(t, new Offer(false, 0, false, 10))));
        all.addAll(declines());
        return all;
    }

    /** RFC 7692 section 7.1: "A server MUST decline an extension negotiation offer" for these reasons. */
    private static List<WireCase> declines() {
        return List.of(
                WireCase.of(Category.WEBSOCKET, "deflate-unknown-parameter-declined", "RFC 7692 section 7.1: an "
                        + "offer with a parameter not defined for it is declined (101 without the extension)",
                        t -> declined(t, "permessage-deflate; foo=1", "permessage-deflate; x-unknown")),
                WireCase.of(Category.WEBSOCKET, "deflate-bad-value-declined", "RFC 7692 sections 7.1 and 7.1.2: an "
                        + "offer with an invalid value (window bits outside 8-15, a leading zero, a missing or extra "
                        + "value) is declined", t -> declined(t, "permessage-deflate; server_max_window_bits=7",
                        "permessage-deflate; server_max_window_bits=16",
                        "permessage-deflate; server_max_window_bits=08",
                        "permessage-deflate; server_max_window_bits", "permessage-deflate; client_max_window_bits=16",
                        "permessage-deflate; server_no_context_takeover=1")),
                WireCase.of(Category.WEBSOCKET, "deflate-repeated-parameter-declined", "RFC 7692 section 7.1: an "
                        + "offer naming a parameter twice is declined", t -> declined(t,
                        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                        "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10")),
                WireCase.of(Category.WEBSOCKET, "deflate-next-offer-taken", "RFC 7692 section 5: after declining an "
                        + "offer with an unknown parameter the server takes the next acceptable one",
                        t -> offers(t, List.of(new Offer(false, 0, false, 0)), "permessage-deflate; foo, ")));
    }

    /** Opens with {@code offers} (after the raw {@code prefix}), checks the answer and echoes every size. */
    private static void offers(Target t, List<Offer> offers) throws IOException {
        offers(t, offers, "");
    }

    private static void offers(Target t, List<Offer> offers, String prefix) throws IOException {
        try (Agreed a = agree(t, prefix, offers)) {
            WebSocketConnection c = a.connection();
            for (int size : SIZES) {
                String text = json(size, size);
                c.sendText(text);
                WsWire.expectText(c, text);
                byte[] data = WsWire.random(size / 4, size);
                c.sendBinary(Bytes.of(data));
                WsWire.expectBinary(c, data);
            }
            WsWire.closeCleanly(c);
        }
    }

    /**
     * Opens a WebSocket offering {@code offers} and fails the case unless the server agrees to permessage-deflate
     * with an answer that accepts one of them.
     */
    static Agreed agree(Target t, String prefix, List<Offer> offers) throws IOException {
        String header = prefix + String.join(", ", offers.stream().map(Offer::header).toList());
        WebSocketConnection c = WebSocketConnection.open(t, WsWire.PATH, List.of(), Optional.of(header));
        try {
            Optional<String> answer = c.headers().first("sec-websocket-extensions");
            Expect.that(answer.isPresent() && c.compressed(), "the server declined the offer '" + header
                    + "' (no permessage-deflate in its 101)");
            Map<String, String> params = WsDeflate.params(answer.get());
            List<String> wrong = offers.stream().map(o -> o.wrongIn(params)).flatMap(Optional::stream).toList();
            Expect.that(wrong.size() < offers.size(), "the answer '" + answer.get() + "' accepts none of the "
                    + "offers: " + String.join("; ", wrong));
            return new Agreed(c, params);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void declined(Target t, String... offers) throws IOException {
        for (String offer : offers) {
            try (WebSocketConnection c = WebSocketConnection.open(t, WsWire.PATH, List.of(), Optional.of(offer))) {
                Expect.that(!c.compressed(), "the server accepted the offer '" + offer + "', which RFC 7692 "
                        + "section 7.1 requires it to decline; it answered " + c.headers().first(
                        "sec-websocket-extensions").orElse(""));
                WsWire.closeCleanly(c);
            }
        }
    }

    private static void serverNoContext(Target t) throws IOException {
        try (Agreed a = agree(t, "", List.of(new Offer(true, 0, false, 0)));
                WsDeflate.Decompressor fresh = new WsDeflate.Decompressor(true)) {
            WebSocketConnection c = a.connection();
            byte[] text = json(2048, 1).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                c.sendText(new String(text, StandardCharsets.UTF_8));
                ServerMessage m = ServerMessage.read(c);
                Expect.equal(Opcodes.TEXT, m.opcode(), "opcode of the echo");
                Expect.equal(WsWire.hex(text), WsWire.hex(m.decoded(fresh)), "echo " + (i + 1) + " of 3, "
                        + "inflated without the previous messages");
            }
            closeRaw(c);
        }
    }

    private static void clientNoContext(Target t) throws IOException {
        Offer offer = new Offer(false, 0, true, 0);
        try (Agreed a = agree(t, "", List.of(offer));
                WsDeflate.Compressor fresh = new WsDeflate.Compressor(true, a.clientWindowLimited(offer))) {
            WebSocketConnection c = a.connection();
            for (int size : SIZES) {
                String text = json(size, size);
                c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.TEXT, fresh.compress(text.getBytes(
                        StandardCharsets.UTF_8))));
                WsWire.expectText(c, text);
            }
            WsWire.closeCleanly(c);
        }
    }

    /**
     * A random block a little longer than the window, four times over: within the window there is nothing to
     * refer to, so the compressed message stays about four blocks long; a much shorter one must refer back past
     * the window.
     */
    private static void serverWindow(Target t, int bits) throws IOException {
        try (Agreed a = agree(t, "", List.of(new Offer(false, bits, false, 0)));
                WsDeflate.Decompressor inflater = new WsDeflate.Decompressor(a.serverNoContext())) {
            WebSocketConnection c = a.connection();
            int window = 1 << Integer.parseInt(a.params().get("server_max_window_bits"));
            int block = window + window / 4;
            byte[] one = WsWire.random(block, bits);
            byte[] data = WsWire.concat(one, one, one, one);
            c.sendBinary(Bytes.of(data));
            ServerMessage m = ServerMessage.read(c);
            Expect.equal(WsWire.hex(data), WsWire.hex(m.decoded(inflater)), "echo");
            Expect.that(!m.compressed() || m.payload().length >= 2 * block, "the server compressed 4 copies of a "
                    + block + "-byte random block into " + m.payload().length + " bytes, which needs references "
                    + "back past its agreed window of " + window + " bytes (RFC 7692 section 7.1.2.1)");
            closeRaw(c);
        }
    }

    private static void clientWindow(Target t, Offer offer) throws IOException {
        try (Agreed a = agree(t, "", List.of(offer));
                WsDeflate.Compressor deflater = new WsDeflate.Compressor(false, a.clientWindowLimited(offer))) {
            WebSocketConnection c = a.connection();
            for (int size : SIZES) {
                String text = json(size, size);
                c.raw(WsWire.frame(true, Opcodes.RSV1, Opcodes.TEXT, deflater.compress(text.getBytes(
                        StandardCharsets.UTF_8))));
                WsWire.expectText(c, text);
            }
            WsWire.closeCleanly(c);
        }
    }

    /** Ends a connection read with raw frames: Close 1000 out, Close 1000 back, then TCP closed by the server. */
    static void closeRaw(WebSocketConnection c) throws IOException {
        c.close(1000, "");
        while (true) {
            WebSocketConnection.RawFrame f = c.rawFrame();
            if (f.opcode() == Opcodes.CLOSE) {
                Expect.equal(WsWire.hex(new byte[] {3, (byte) 0xE8}), WsWire.hex(Arrays.copyOf(
                        f.payload().toByteArray(), Math.min(2, f.payload().length()))), "code of the Close answer");
                WsWire.expectTcpClosed(c);
                return;
            }
        }
    }

    /** @return {@code n} characters of JSON-like text: compressible, but not one repeated string */
    static String json(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < n; i++) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"user").append(r.nextInt(10_000))
                    .append("\",\"score\":").append(r.nextInt(1000)).append(",\"active\":").append(r.nextBoolean())
                    .append(",\"tags\":[\"caf\u00e9\",\"\u03ba\u03cc\u03c3\u03bc\u03b5\"]},");
        }
        // Cut on a character boundary: every character here is 1 or 2 bytes in UTF-8, and sizes count chars.
        return sb.substring(0, n);
    }

    /**
     * One message as the server framed it: checked against RFC 6455 section 5.1 (unmasked) and RFC 7692 section
     * 6.1 (RSV1 only on the first frame, never on control frames); Pings met on the way are answered.
     */
    record ServerMessage(int opcode, boolean compressed, byte[] payload, int frames) {
        static ServerMessage read(WebSocketConnection c) throws IOException {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            int opcode = -1;
            boolean compressed = false;
            for (int frames = 0; ; ) {
                WebSocketConnection.RawFrame f = c.rawFrame();
                Expect.that(!f.masked(), "the server masked a frame (RFC 6455 section 5.1)");
                if (Opcodes.isControl(f.opcode())) {
                    Expect.that(f.rsv() == 0, "RSV bits " + f.rsv() + " on a control frame (RFC 7692 section 6.1)");
                    Expect.that(f.opcode() != Opcodes.CLOSE, "expected a message, got a Close "
                            + WsWire.hex(f.payload().toByteArray()));
                    if (f.opcode() == Opcodes.PING) {
                        c.pong(f.payload());
                    }
                    continue;
                }
                Expect.that((f.rsv() & 3) == 0, "RSV2/RSV3 set on a data frame; only RSV1 has a meaning");
                if (frames == 0) {
                    Expect.that(f.opcode() != Opcodes.CONTINUATION, "a continuation frame starts a message");
                    opcode = f.opcode();
                    compressed = (f.rsv() & Opcodes.RSV1) != 0;
                } else {
                    Expect.equal(Opcodes.CONTINUATION, f.opcode(), "opcode of a later fragment");
                    Expect.that(f.rsv() == 0, "RSV1 on a continuation frame (RFC 7692 section 6.1)");
                }
                payload.writeBytes(f.payload().toByteArray());
                frames++;
                if (f.fin()) {
                    return new ServerMessage(opcode, compressed, payload.toByteArray(), frames);
                }
            }
        }

        /** @return the message: the payload, inflated if it is compressed */
        byte[] decoded(WsDeflate.Decompressor inflater) {
            return compressed ? inflater.inflate(payload) : payload;
        }
    }
}
