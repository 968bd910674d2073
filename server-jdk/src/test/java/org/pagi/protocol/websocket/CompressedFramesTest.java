package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.websocket.Opcodes.BINARY;
import static org.pagi.protocol.websocket.Opcodes.CONTINUATION;
import static org.pagi.protocol.websocket.Opcodes.PING;
import static org.pagi.protocol.websocket.Opcodes.RSV1;
import static org.pagi.protocol.websocket.Opcodes.TEXT;
import static org.pagi.protocol.websocket.WebSocketCodecTest.assertFails;
import static org.pagi.protocol.websocket.Wire.client;
import static org.pagi.protocol.websocket.Wire.concat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** The codec with permessage-deflate on (RFC 7692 section 6): compressed frames in both directions, and the rules. */
class CompressedFramesTest {
    private static final Optional<DeflateParams> DEFLATE = Optional.of(DeflateParams.defaults());

    /** A client-side compressor, as the peer of a SERVER codec. */
    private final PerMessageDeflate peer = new PerMessageDeflate(DeflateParams.defaults(), false, 1 << 20);

    private static List<WsEvent> server(byte[] input) {
        return Wire.everyWay(WebSocketCodec.Role.SERVER, WebSocketLimits.defaults(), DEFLATE, input);
    }

    private static WebSocketCodec codec(WebSocketCodec.Role role, long limit) {
        return new WebSocketCodec(role, new WebSocketLimits(limit), DEFLATE, new java.util.Random(3));
    }

    @Nested
    class Decoding {
        @Test
        void decodesTheRfcSampleCompressedHello() {
            byte[] frame = client(true, RSV1, TEXT, Bytes.of(Utf8ValidatorTest.hex("f2 48 cd c9 c9 07 00")));
            assertEquals(List.of(WebSocketCodecTest.text("Hello")), server(frame));
        }

        @Test
        void decodesACompressedMessageSplitIntoFragments() {
            Bytes c = peer.compress(PerMessageDeflateTest.repetitive(3000));
            int half = c.length() / 2;
            byte[] input = concat(client(false, RSV1, TEXT, c.slice(0, half)), client(PING, "p"),
                    client(true, 0, CONTINUATION, c.slice(half, c.length())));
            assertEquals(List.of(new WsEvent.Ping(Bytes.utf8("p")),
                    WebSocketCodecTest.text(PerMessageDeflateTest.repetitive(3000).utf8())), server(input));
        }

        @Test
        void anUncompressedMessageIsStillAllowed() {
            assertEquals(List.of(WebSocketCodecTest.text("plain")), server(client(TEXT, "plain")));
        }

        @Test
        void closesWith1002OnACompressedControlFrame() {
            assertFails(WsViolation.COMPRESSED_CONTROL_FRAME, server(client(true, RSV1, PING, Bytes.empty())));
        }

        @Test
        void closesWith1002OnRsv1OnAContinuation() {
            byte[] input = concat(client(false, RSV1, TEXT, peer.compress(Bytes.utf8("ab"))),
                    client(true, RSV1, CONTINUATION, Bytes.empty()));
            assertFails(WsViolation.COMPRESSED_CONTINUATION, server(input));
        }

        @Test
        void closesWith1007OnInvalidDeflateData() {
            List<WsEvent> events = server(client(true, RSV1, BINARY, Bytes.of(Utf8ValidatorTest.hex("ff ff ff"))));
            assertFails(WsViolation.INVALID_COMPRESSED_DATA, events);
            assertEquals(1007, ((WsEvent.Failure) events.get(0)).closeCode());
        }

        @Test
        void closesWith1009WhenAMessageInflatesPastTheLimit() {
            Bytes bomb = peer.compress(Bytes.of(new byte[10 << 20]));
            List<WsEvent> events = Wire.decode(codec(WebSocketCodec.Role.SERVER, 1 << 20),
                    client(true, RSV1, BINARY, bomb), 4096);
            assertFails(WsViolation.DECOMPRESSED_TOO_BIG, events);
            assertEquals(1009, ((WsEvent.Failure) events.get(0)).closeCode());
        }

        @Test
        void failsOnInvalidUtf8InTheInflatedTextBeforeTheFrameIsComplete() {
            byte[] text = PerMessageDeflateTest.repetitive(5000).toByteArray();
            text[20] = (byte) 0xC0;
            Bytes c = peer.compress(Bytes.of(text));
            byte[] frame = client(true, RSV1, TEXT, c);
            int headerSize = frame.length - c.length();
            byte[] prefix = Arrays.copyOf(frame, headerSize + c.length() / 2);
            List<WsEvent> events = Wire.decode(codec(WebSocketCodec.Role.SERVER, 1 << 20), prefix, prefix.length);
            assertEquals(List.of(new WsEvent.Failure(WsViolation.INVALID_UTF8, "byte 0xC0 at offset 20 of a text message")),
                    events);
        }
    }

    @Nested
    class Encoding {
        @Test
        void sendsMessagesCompressedWithRsv1() {
            try (WebSocketCodec server = codec(WebSocketCodec.Role.SERVER, 1 << 20);
                    WebSocketCodec client = codec(WebSocketCodec.Role.CLIENT, 1 << 20)) {
                assertTrue(server.deflateNegotiated());
                WebSocketMessage m = WebSocketMessage.text("Hello");
                byte[] wire = Wire.bytes(server.message(m));
                assertEquals(Bytes.of(Utf8ValidatorTest.hex("c1 07 f2 48 cd c9 c9 07 00")), Bytes.of(wire));
                assertEquals(List.of(new WsEvent.Message(m)), Wire.decode(client, wire, 3));
            }
        }

        @Test
        void sendsAnEmptyMessageUncompressed() {
            try (WebSocketCodec server = codec(WebSocketCodec.Role.SERVER, 1 << 20)) {
                assertEquals(Bytes.of(Wire.raw(0x82, 0x00)), Bytes.of(Wire.bytes(server.message(
                        WebSocketMessage.bytes(Bytes.empty())))));
            }
        }

        @Test
        void neverCompressesControlFrames() {
            try (WebSocketCodec server = codec(WebSocketCodec.Role.SERVER, 1 << 20)) {
                assertEquals(0x89, Wire.bytes(server.ping(Bytes.utf8("hello hello hello")))[0] & 0xFF);
                assertEquals(0x88, Wire.bytes(server.close(1000, "bye bye bye bye"))[0] & 0xFF);
            }
        }
    }
}
