package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.websocket.Opcodes.BINARY;
import static org.pagi.protocol.websocket.Opcodes.CLOSE;
import static org.pagi.protocol.websocket.Opcodes.CONTINUATION;
import static org.pagi.protocol.websocket.Opcodes.PING;
import static org.pagi.protocol.websocket.Opcodes.PONG;
import static org.pagi.protocol.websocket.Opcodes.TEXT;
import static org.pagi.protocol.websocket.Wire.client;
import static org.pagi.protocol.websocket.Wire.concat;
import static org.pagi.protocol.websocket.Wire.raw;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** Decoding: every rule of RFC 6455 section 5 the codec enforces, fed whole, byte by byte and with trailing bytes. */
class WebSocketCodecTest {
    static WsEvent text(String s) {
        return new WsEvent.Message(WebSocketMessage.text(s));
    }

    static WsEvent binary(byte[] b) {
        return new WsEvent.Message(WebSocketMessage.bytes(Bytes.of(b)));
    }

    static WsViolation violation(List<WsEvent> events) {
        WsEvent last = events.get(events.size() - 1);
        return last instanceof WsEvent.Failure f ? f.violation() : null;
    }

    static void assertFails(WsViolation expected, List<WsEvent> events) {
        assertEquals(expected, violation(events), () -> "events: " + events);
    }

    /** Feeds a fresh SERVER codec only {@code prefix}: the failure must come before the rest of the bytes. */
    static List<WsEvent> serverPrefix(byte[] prefix) {
        return Wire.decode(Wire.codec(WebSocketCodec.Role.SERVER), prefix, prefix.length);
    }

    @Nested
    class Messages {
        @Test
        void decodesTheRfcSampleMaskedTextFrame() {
            // RFC 6455 section 5.7: a single-frame masked text message containing "Hello".
            assertEquals(List.of(text("Hello")),
                    Wire.server(raw(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58)));
        }

        @Test
        void clientDecodesTheRfcSampleUnmaskedTextFrame() {
            assertEquals(List.of(text("Hello")), Wire.client(raw(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f)));
        }

        @Test
        void decodesBinaryAndEmptyMessages() {
            byte[] input = concat(client(BINARY, Bytes.of(raw(0, 1, 0xFF))), client(TEXT, ""), client(BINARY, Bytes.empty()));
            assertEquals(List.of(binary(raw(0, 1, 0xFF)), text(""), binary(new byte[0])), Wire.server(input));
        }

        @Test
        void decodesSixteenAndSixtyFourBitLengths() {
            byte[] b256 = new byte[256];
            byte[] b65536 = new byte[65536];
            b65536[65535] = 7;
            // RFC 6455 section 5.7: 256 bytes take 0x7E and a 16-bit length, 64 KiB take 0x7F and a 64-bit one.
            byte[] f256 = client(BINARY, Bytes.of(b256));
            byte[] f64k = client(BINARY, Bytes.of(b65536));
            assertEquals(0xFE, f256[1] & 0xFF);
            assertEquals(0xFF, f64k[1] & 0xFF);
            assertEquals(List.of(binary(b256), binary(b65536)), Wire.server(concat(f256, f64k)));
        }

        @Test
        void decodesNonAsciiText() {
            String s = "caf\u00e9 \u20ac \ud83d\ude00";
            assertEquals(List.of(text(s)), Wire.server(client(TEXT, s)));
        }
    }

    @Nested
    class Fragmentation {
        @Test
        void reassemblesTheRfcSampleFragmentedTextMessage() {
            // RFC 6455 section 5.7: "Hel" then "lo", unmasked (a server's frames).
            assertEquals(List.of(text("Hello")), Wire.client(raw(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f)));
        }

        @Test
        void acceptsControlFramesBetweenFragments() {
            byte[] input = concat(client(false, 0, TEXT, Bytes.utf8("Hel")), client(PING, "p"),
                    client(false, 0, CONTINUATION, Bytes.empty()), client(PONG, ""),
                    client(true, 0, CONTINUATION, Bytes.utf8("lo")));
            assertEquals(List.of(new WsEvent.Ping(Bytes.utf8("p")), new WsEvent.Pong(Bytes.empty()), text("Hello")),
                    Wire.server(input));
        }

        @Test
        void acceptsAUtf8SequenceSplitBetweenFragments() {
            byte[] euro = "\u20ac".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] input = concat(client(false, 0, TEXT, Bytes.of(euro, 0, 1)),
                    client(false, 0, CONTINUATION, Bytes.of(euro, 1, 1)), client(true, 0, CONTINUATION, Bytes.of(euro, 2, 1)));
            assertEquals(List.of(text("\u20ac")), Wire.server(input));
        }

        @Test
        void closesWith1002OnContinuationWithoutStart() {
            assertFails(WsViolation.CONTINUATION_WITHOUT_START, Wire.server(client(CONTINUATION, "x")));
        }

        @Test
        void closesWith1002OnContinuationAfterTheMessageEnded() {
            assertFails(WsViolation.CONTINUATION_WITHOUT_START,
                    Wire.server(concat(client(TEXT, "a"), client(CONTINUATION, "b"))));
        }

        @Test
        void closesWith1002OnANewMessageInsideAFragmentedOne() {
            List<WsEvent> events = Wire.server(concat(client(false, 0, TEXT, Bytes.utf8("a")), client(BINARY, "b")));
            assertFails(WsViolation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE, events);
            assertEquals(1002, ((WsEvent.Failure) events.get(0)).closeCode());
        }
    }

    @Nested
    class ControlFrames {
        @Test
        void decodesPingsAndPongsWithTheirPayloads() {
            byte[] p125 = new byte[125];
            assertEquals(List.of(new WsEvent.Ping(Bytes.utf8("hi")), new WsEvent.Pong(Bytes.of(p125)),
                    new WsEvent.Ping(Bytes.empty())), Wire.server(concat(client(PING, "hi"), client(PONG, Bytes.of(p125)),
                    client(PING, ""))));
        }

        @Test
        void closesWith1002OnAControlFrameOver125Bytes() {
            assertFails(WsViolation.CONTROL_FRAME_TOO_LONG, Wire.server(client(PING, Bytes.of(new byte[126]))));
        }

        @Test
        void failsOnAnOverlongControlFrameFromItsHeaderAlone() {
            byte[] header = raw(0x89, 0xFE, 0x00, 0x7E, 1, 2, 3, 4);
            assertFails(WsViolation.CONTROL_FRAME_TOO_LONG, serverPrefix(header));
        }

        @Test
        void closesWith1002OnAFragmentedPing() {
            assertFails(WsViolation.FRAGMENTED_CONTROL_FRAME, Wire.server(client(false, 0, PING, Bytes.empty())));
        }
    }

    @Nested
    class CloseFramesReceived {
        @Test
        void anEmptyCloseReports1005() {
            assertEquals(List.of(new WsEvent.Close(1005, "")), Wire.server(client(CLOSE, Bytes.empty())));
        }

        @Test
        void aCloseCarriesItsCodeAndReason() {
            byte[] payload = concat(raw(0x03, 0xE8), "bye \u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(List.of(new WsEvent.Close(1000, "bye \u00e9")), Wire.server(client(CLOSE, Bytes.of(payload))));
        }

        @Test
        void closesWith1002OnAOneByteClosePayload() {
            assertFails(WsViolation.ONE_BYTE_CLOSE_PAYLOAD, Wire.server(client(CLOSE, Bytes.of(raw(0x03)))));
        }

        @ParameterizedTest
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
            4999})
        void acceptsEveryCodeAnEndpointMaySend(int code) {
            assertEquals(List.of(new WsEvent.Close(code, "")), Wire.server(client(CLOSE, Bytes.of(raw(code >> 8, code)))));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        void closesWith1002OnACodeNoEndpointMaySend(int code) {
            assertFails(WsViolation.INVALID_CLOSE_CODE, Wire.server(client(CLOSE, Bytes.of(raw(code >> 8, code)))));
        }

        @Test
        void closesWith1002OnACloseReasonThatIsNotUtf8() {
            assertFails(WsViolation.INVALID_CLOSE_REASON, Wire.server(client(CLOSE, Bytes.of(raw(0x03, 0xE8, 0xCE, 0xBA, 0xED, 0xA0, 0x80)))));
            assertFails(WsViolation.INVALID_CLOSE_REASON, Wire.server(client(CLOSE, Bytes.of(raw(0x03, 0xE8, 0x61, 0xE2, 0x82)))));
        }

        @Test
        void ignoresEverythingAfterAClose() {
            WebSocketCodec codec = Wire.codec(WebSocketCodec.Role.SERVER);
            List<WsEvent> events = Wire.decode(codec, concat(client(CLOSE, Bytes.empty()), client(TEXT, "late")), 3);
            assertEquals(List.of(new WsEvent.Close(1005, "")), events);
            codec.feed(ByteBuffer.wrap(raw(0xFF, 0xFF, 0xFF)));
            assertEquals(WsEvent.NEED_DATA, codec.next());
            assertEquals(0, codec.buffered());
        }
    }

    @Nested
    class Masking {
        @Test
        void closesWith1002OnUnmaskedClientFrame() {
            assertFails(WsViolation.UNMASKED_CLIENT_FRAME, Wire.server(Wire.server(true, 0, TEXT, Bytes.utf8("hi"))));
        }

        @Test
        void aClientClosesWith1002OnAMaskedServerFrame() {
            assertFails(WsViolation.MASKED_SERVER_FRAME, Wire.client(client(TEXT, "hi")));
        }
    }

    @Nested
    class ReservedBitsAndOpcodes {
        @ParameterizedTest
        @ValueSource(ints = {Opcodes.RSV1, Opcodes.RSV2, Opcodes.RSV3, 0b011, 0b111})
        void closesWith1002OnReservedBitsWithoutAnExtension(int rsv) {
            assertFails(WsViolation.RESERVED_BITS, Wire.server(client(true, rsv, TEXT, Bytes.utf8("x"))));
            assertFails(WsViolation.RESERVED_BITS, Wire.server(client(true, rsv, PING, Bytes.empty())));
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
        void closesWith1002OnAReservedOpcode(int opcode) {
            assertFails(WsViolation.RESERVED_OPCODE, Wire.server(client(true, 0, opcode, Bytes.empty())));
        }
    }

    @Nested
    class LengthsAndLimits {
        private final WebSocketLimits hundred = new WebSocketLimits(100);

        private List<WsEvent> serverWith(WebSocketLimits limits, byte[] input) {
            return Wire.everyWay(WebSocketCodec.Role.SERVER, limits, Optional.empty(), input);
        }

        @Test
        void closesWith1002OnA64BitLengthWithItsTopBitSet() {
            byte[] header = raw(0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
            assertFails(WsViolation.LENGTH_MOST_SIGNIFICANT_BIT, Wire.server(header));
        }

        @Test
        void closesWith1002OnALengthNotInItsShortestForm() {
            assertFails(WsViolation.NON_MINIMAL_LENGTH, Wire.server(raw(0x82, 0xFE, 0x00, 0x05, 1, 2, 3, 4)));
            assertFails(WsViolation.NON_MINIMAL_LENGTH,
                    Wire.server(raw(0x82, 0xFF, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4)));
        }

        @Test
        void acceptsAMessageOfExactlyTheLimit() {
            assertEquals(List.of(binary(new byte[100])), serverWith(hundred, client(BINARY, Bytes.of(new byte[100]))));
        }

        @Test
        void closesWith1009AsSoonAsAFrameHeaderDeclaresTooMuch() {
            byte[] header = raw(0x82, 0xE5, 1, 2, 3, 4); // 101 bytes declared, none sent
            List<WsEvent> events = Wire.decode(new WebSocketCodec(WebSocketCodec.Role.SERVER, hundred, Optional.empty()),
                    header, header.length);
            assertFails(WsViolation.MESSAGE_TOO_BIG, events);
            assertEquals(1009, ((WsEvent.Failure) events.get(0)).closeCode());
        }

        @Test
        void closesWith1009WhenFragmentsAddUpToTooMuch() {
            byte[] input = concat(client(false, 0, BINARY, Bytes.of(new byte[60])),
                    client(true, 0, CONTINUATION, Bytes.of(new byte[41])));
            assertFails(WsViolation.MESSAGE_TOO_BIG, serverWith(hundred, input));
        }

        @Test
        void closesWith1009OnAHugeSixtyFourBitLength() {
            assertFails(WsViolation.MESSAGE_TOO_BIG, Wire.server(raw(0x82, 0xFF, 0x7F, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4)));
        }
    }

    @Nested
    class Utf8 {
        @ParameterizedTest
        @ValueSource(strings = {"C0 80", "C1 BF", "E0 80 80", "ED A0 80", "F0 80 80 80", "F4 90 80 80", "F5", "FF",
            "80", "61 BF", "E2 28 A1"})
        void closesWith1007OnInvalidUtf8(String hex) {
            List<WsEvent> events = Wire.server(client(TEXT, Bytes.of(Utf8ValidatorTest.hex(hex))));
            assertFails(WsViolation.INVALID_UTF8, events);
            assertEquals(1007, ((WsEvent.Failure) events.get(0)).closeCode());
        }

        @Test
        void closesWith1007OnAMessageEndingInsideASequence() {
            assertFails(WsViolation.INVALID_UTF8, Wire.server(client(TEXT, Bytes.of(raw(0x61, 0xE2, 0x82)))));
        }

        @Test
        void failsAtTheFirstBadByteBeforeTheFrameIsComplete() {
            byte[] payload = new byte[100];
            java.util.Arrays.fill(payload, (byte) 'a');
            payload[10] = (byte) 0xFF;
            byte[] frame = client(TEXT, Bytes.of(payload));
            byte[] upToBadByte = java.util.Arrays.copyOf(frame, frame.length - 100 + 11);
            List<WsEvent> events = serverPrefix(upToBadByte);
            assertEquals(List.of(new WsEvent.Failure(WsViolation.INVALID_UTF8, "byte 0xFF at offset 10 of a text message")),
                    events);
            assertEquals(events, Wire.decode(Wire.codec(WebSocketCodec.Role.SERVER), upToBadByte, 1));
        }

        @Test
        void failsAtTheFirstBadByteOfALaterFragment() {
            byte[] first = client(false, 0, TEXT, Bytes.of(raw(0x61, 0xE2, 0x82))); // a sequence left open: fine so far
            byte[] second = client(true, 0, CONTINUATION, Bytes.of(raw(0x41, 0x42, 0x43, 0x44, 0x45, 0x46)));
            assertEquals(List.of(), serverPrefix(first));
            byte[] prefix = java.util.Arrays.copyOf(concat(first, second), first.length + 6 + 1);
            assertFails(WsViolation.INVALID_UTF8, serverPrefix(prefix));
        }

        @Test
        void neverEchoesThePeersTextInTheDetail() {
            List<WsEvent> events = Wire.server(client(TEXT, Bytes.of(concat("secret".getBytes(), raw(0xFF)))));
            String detail = ((WsEvent.Failure) events.get(0)).detail();
            assertFalse(detail.contains("secret"), detail);
            assertTrue(detail.contains("0xFF"), detail);
        }
    }

    @Nested
    class AfterAFailure {
        @Test
        void everyLaterCallReturnsTheSameFailureAndInputIsDropped() {
            WebSocketCodec codec = Wire.codec(WebSocketCodec.Role.SERVER);
            codec.feed(ByteBuffer.wrap(concat(client(CONTINUATION, "x"), client(TEXT, "fine"))));
            WsEvent first = codec.next();
            assertTrue(first instanceof WsEvent.Failure, first.toString());
            ByteBuffer more = ByteBuffer.wrap(client(TEXT, "more"));
            codec.feed(more);
            assertFalse(more.hasRemaining(), "feed consumes the bytes even after a failure");
            assertEquals(first, codec.next());
            assertEquals(first, codec.next());
            assertEquals(0, codec.buffered());
        }

        @Test
        void payloadIsTakenAsItArrivesSoOnlyAPartialHeaderIsEverBuffered() {
            WebSocketCodec codec = Wire.codec(WebSocketCodec.Role.SERVER);
            byte[] frame = client(BINARY, Bytes.of(new byte[100_000]));
            codec.feed(ByteBuffer.wrap(frame, 0, 50_000));
            assertEquals(WsEvent.NEED_DATA, codec.next());
            assertEquals(0, codec.buffered());
            codec.feed(ByteBuffer.wrap(concat(java.util.Arrays.copyOfRange(frame, 50_000, frame.length), raw(0x81, 0x85, 1))));
            assertEquals(binary(new byte[100_000]), codec.next());
            assertEquals(WsEvent.NEED_DATA, codec.next());
            assertEquals(3, codec.buffered(), "the start of the next header waits for the rest");
        }

        @Test
        void acceptsDirectAndReadOnlyBuffers() {
            WebSocketCodec codec = Wire.codec(WebSocketCodec.Role.SERVER);
            byte[] frame = client(TEXT, "hi");
            codec.feed(ByteBuffer.allocateDirect(frame.length).put(frame).flip());
            codec.feed(ByteBuffer.wrap(frame).asReadOnlyBuffer());
            assertEquals(text("hi"), codec.next());
            assertEquals(text("hi"), codec.next());
        }

        @Test
        void feedConsumesEveryRemainingByte() {
            WebSocketCodec codec = Wire.codec(WebSocketCodec.Role.SERVER);
            ByteBuffer b = ByteBuffer.wrap(client(TEXT, "hi"));
            codec.feed(b);
            assertFalse(b.hasRemaining());
            List<WsEvent> events = new ArrayList<>();
            Wire.drain(codec, events);
            assertEquals(List.of(text("hi")), events);
        }
    }
}
