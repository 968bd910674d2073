package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.websocket.Wire.raw;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/** Encoding: the frames {@link WebSocketCodec} and {@link WebSocketCodec#frame} build, byte for byte. */
class FrameEncoderTest {
    private final WebSocketCodec server = Wire.codec(WebSocketCodec.Role.SERVER);
    private final WebSocketCodec client = Wire.codec(WebSocketCodec.Role.CLIENT);

    /** @return what a codec of the other role makes of {@code frame} */
    private static List<WsEvent> heardBy(WebSocketCodec.Role role, ByteBuffer[] frame) {
        return Wire.decode(Wire.codec(role), Wire.bytes(frame), Integer.MAX_VALUE);
    }

    @Nested
    class Messages {
        @Test
        void aServerSendsTheRfcSampleUnmaskedTextFrame() {
            assertArrayEquals(raw(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                    Wire.bytes(server.message(WebSocketMessage.text("Hello"))));
        }

        @Test
        void aServerPayloadIsAReadOnlyViewOfTheMessageBytes() {
            ByteBuffer[] frame = server.message(WebSocketMessage.bytes(Bytes.of(new byte[300])));
            assertEquals(2, frame.length);
            assertArrayEquals(raw(0x82, 0x7E, 0x01, 0x2C), Wire.bytes(frame[0]));
            assertTrue(frame[1].isReadOnly());
            assertEquals(300, frame[1].remaining());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 70000})
        void headersUseTheShortestLengthForm(int size) {
            byte[] wire = Wire.bytes(server.message(WebSocketMessage.bytes(Bytes.of(new byte[size]))));
            int expectedHeader = size <= 125 ? 2 : size <= 65535 ? 4 : 10;
            assertEquals(expectedHeader + size, wire.length);
            assertEquals(size <= 125 ? size : size <= 65535 ? 126 : 127, wire[1] & 0x7F);
        }

        @Test
        void aClientMasksEveryFrameAndTheServerUnmasksIt() {
            WebSocketMessage m = WebSocketMessage.text("caf\u00e9 \ud83d\ude00");
            ByteBuffer[] frame = client.message(m);
            assertEquals(0x80, Wire.bytes(frame)[1] & 0x80, "MASK bit");
            assertEquals(List.of(new WsEvent.Message(m)), heardBy(WebSocketCodec.Role.SERVER, frame));
            assertEquals(List.of(new WsEvent.Ping(Bytes.utf8("p"))),
                    heardBy(WebSocketCodec.Role.SERVER, client.ping(Bytes.utf8("p"))));
        }

        @Test
        void masksWithTheKeysOfTheGivenGenerator() {
            WebSocketCodec seeded = new WebSocketCodec(WebSocketCodec.Role.CLIENT, WebSocketLimits.defaults(),
                    Optional.empty(), () -> 0x0102030405060708L);
            byte[] wire = Wire.bytes(seeded.message(WebSocketMessage.bytes(Bytes.of(raw(0, 0, 0, 0, 0)))));
            // nextInt() of a generator is the high half of nextLong(): key 01 02 03 04, and 0 XOR key is the key.
            assertArrayEquals(raw(0x82, 0x85, 1, 2, 3, 4, 1, 2, 3, 4, 1), wire);
        }

        @Test
        void rejectsTextWithAnUnpairedSurrogate() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.message(WebSocketMessage.text("ab\ud800c")));
            assertTrue(e.getMessage().contains("index 2"), e.getMessage());
        }
    }

    @Nested
    class ControlFrames {
        @Test
        void pingAndPongCarryTheirPayload() {
            assertArrayEquals(raw(0x89, 0x02, 'h', 'i'), Wire.bytes(server.ping(Bytes.utf8("hi"))));
            assertArrayEquals(raw(0x8A, 0x00), Wire.bytes(server.pong(Bytes.empty())));
        }

        @Test
        void rejectsAControlPayloadOver125Bytes() {
            server.ping(Bytes.of(new byte[125]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.pong(Bytes.of(new byte[126])));
            assertTrue(e.getMessage().contains("126"), e.getMessage());
        }

        @Test
        void close1005HasAnEmptyPayload() {
            assertArrayEquals(raw(0x88, 0x00), Wire.bytes(server.close(1005, "")));
            assertThrows(IllegalArgumentException.class, () -> server.close(1005, "why"));
        }

        @Test
        void closeCarriesTheCodeAndTheReason() {
            assertArrayEquals(raw(0x88, 0x05, 0x03, 0xE8, 'b', 'y', 'e'), Wire.bytes(server.close(1000, "bye")));
        }

        @Test
        void closeCutsALongReasonOnACharacterBoundary() {
            String reason = "\u00e9".repeat(100); // 200 bytes of UTF-8
            byte[] wire = Wire.bytes(server.close(4000, reason));
            int len = wire[1];
            assertTrue(len <= 125, "payload " + len);
            assertEquals(2 + 122, len, "61 two-byte characters fit in 123 bytes");
            assertEquals(List.of(new WsEvent.Close(4000, "\u00e9".repeat(61))),
                    heardBy(WebSocketCodec.Role.CLIENT, server.close(4000, reason)));
        }

        @Test
        void closeKeepsAReasonOfExactly123Bytes() {
            String reason = "x".repeat(123);
            assertEquals(List.of(new WsEvent.Close(1001, reason)),
                    heardBy(WebSocketCodec.Role.SERVER, client.close(1001, reason)));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 999, 1004, 1006, 1015, 2999, 5000})
        void closeRejectsACodeNoEndpointMaySend(int code) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.close(code, ""));
            assertTrue(e.getMessage().contains(Integer.toString(code)), e.getMessage());
        }
    }

    @Nested
    class AnyFrame {
        @Test
        void buildsIllegalFramesForComplianceTests() {
            byte[] wire = Wire.bytes(WebSocketCodec.frame(false, 0b111, 0xF, Bytes.utf8("x"), Optional.empty()));
            assertArrayEquals(raw(0x7F, 0x01, 'x'), wire);
        }

        @Test
        void masksWithTheGivenKey() {
            // RFC 6455 section 5.7: "Hello" masked with 37 fa 21 3d.
            byte[] wire = Wire.bytes(WebSocketCodec.frame(true, 0, Opcodes.TEXT,
                    Bytes.ascii("Hello"), Optional.of(raw(0x37, 0xfa, 0x21, 0x3d))));
            assertArrayEquals(raw(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58), wire);
        }

        @Test
        void rejectsArgumentsThatDoNotFitTheHeader() {
            assertThrows(IllegalArgumentException.class,
                    () -> WebSocketCodec.frame(true, 8, 1, Bytes.empty(), Optional.empty()));
            assertThrows(IllegalArgumentException.class,
                    () -> WebSocketCodec.frame(true, 0, 16, Bytes.empty(), Optional.empty()));
            assertThrows(IllegalArgumentException.class,
                    () -> WebSocketCodec.frame(true, 0, 1, Bytes.empty(), Optional.of(new byte[3])));
        }

        @Test
        void doesNotMoveOrChangeTheCallersBytes() {
            byte[] original = "payload".getBytes(StandardCharsets.US_ASCII);
            Bytes payload = Bytes.of(original);
            WebSocketCodec.frame(true, 0, Opcodes.BINARY, payload, Optional.of(raw(1, 2, 3, 4)));
            assertEquals(Bytes.of(original), payload);
        }
    }
}
