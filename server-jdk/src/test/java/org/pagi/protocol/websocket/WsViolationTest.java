package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.websocket.Wire.client;
import static org.pagi.protocol.websocket.Wire.concat;
import static org.pagi.protocol.websocket.Wire.raw;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;

/** Every violation has its close code, an RFC citation, and a wire example that produces it. */
class WsViolationTest {
    private record Example(WebSocketCodec.Role role, boolean deflate, long limit, byte[] wire) {
        static Example server(byte[] wire) {
            return new Example(WebSocketCodec.Role.SERVER, false, WebSocketLimits.DEFAULT_MAX_MESSAGE_BYTES, wire);
        }

        static Example deflate(byte[] wire) {
            return new Example(WebSocketCodec.Role.SERVER, true, WebSocketLimits.DEFAULT_MAX_MESSAGE_BYTES, wire);
        }
    }

    private static Map<WsViolation, Example> examples() {
        Map<WsViolation, Example> m = new EnumMap<>(WsViolation.class);
        m.put(WsViolation.UNMASKED_CLIENT_FRAME, Example.server(raw(0x81, 0x00)));
        m.put(WsViolation.MASKED_SERVER_FRAME, new Example(WebSocketCodec.Role.CLIENT, false, 100, client(Opcodes.TEXT, "")));
        m.put(WsViolation.RESERVED_BITS, Example.server(client(true, Opcodes.RSV2, Opcodes.TEXT, Bytes.empty())));
        m.put(WsViolation.RESERVED_OPCODE, Example.server(client(true, 0, 0x3, Bytes.empty())));
        m.put(WsViolation.CONTROL_FRAME_TOO_LONG, Example.server(client(Opcodes.PONG, Bytes.of(new byte[126]))));
        m.put(WsViolation.FRAGMENTED_CONTROL_FRAME, Example.server(client(false, 0, Opcodes.PING, Bytes.empty())));
        m.put(WsViolation.CONTINUATION_WITHOUT_START, Example.server(client(Opcodes.CONTINUATION, "")));
        m.put(WsViolation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE, Example.server(concat(
                client(false, 0, Opcodes.BINARY, Bytes.empty()), client(Opcodes.TEXT, ""))));
        m.put(WsViolation.LENGTH_MOST_SIGNIFICANT_BIT, Example.server(raw(0x82, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4)));
        m.put(WsViolation.NON_MINIMAL_LENGTH, Example.server(raw(0x82, 0xFE, 0, 0, 1, 2, 3, 4)));
        m.put(WsViolation.INVALID_UTF8, Example.server(client(Opcodes.TEXT, Bytes.of(raw(0xC0, 0xAF)))));
        m.put(WsViolation.MESSAGE_TOO_BIG, new Example(WebSocketCodec.Role.SERVER, false, 10,
                client(Opcodes.BINARY, Bytes.of(new byte[11]))));
        m.put(WsViolation.INVALID_CLOSE_CODE, Example.server(client(Opcodes.CLOSE, Bytes.of(raw(0x03, 0xEE)))));
        m.put(WsViolation.ONE_BYTE_CLOSE_PAYLOAD, Example.server(client(Opcodes.CLOSE, Bytes.of(raw(0x03)))));
        m.put(WsViolation.INVALID_CLOSE_REASON, Example.server(client(Opcodes.CLOSE, Bytes.of(raw(0x03, 0xE8, 0xFF)))));
        m.put(WsViolation.COMPRESSED_CONTROL_FRAME, Example.deflate(client(true, Opcodes.RSV1, Opcodes.PING, Bytes.empty())));
        m.put(WsViolation.COMPRESSED_CONTINUATION, Example.deflate(concat(
                client(false, Opcodes.RSV1, Opcodes.TEXT, Bytes.empty()), client(true, Opcodes.RSV1, 0, Bytes.empty()))));
        m.put(WsViolation.INVALID_COMPRESSED_DATA, Example.deflate(client(true, Opcodes.RSV1, Opcodes.TEXT,
                Bytes.of(raw(0xFF)))));
        m.put(WsViolation.DECOMPRESSED_TOO_BIG, new Example(WebSocketCodec.Role.SERVER, true, 10, client(true,
                Opcodes.RSV1, Opcodes.BINARY, new PerMessageDeflate(DeflateParams.defaults(), false, 100)
                        .compress(Bytes.of(new byte[11])))));
        return m;
    }

    @Test
    void everyViolationHasAWireExampleThatProducesIt() {
        Map<WsViolation, Example> examples = examples();
        assertEquals(EnumSet.allOf(WsViolation.class), examples.keySet());
        examples.forEach((v, e) -> {
            var events = Wire.everyWay(e.role(), new WebSocketLimits(e.limit()),
                    e.deflate() ? Optional.of(DeflateParams.defaults()) : Optional.empty(), e.wire());
            WsEvent.Failure f = (WsEvent.Failure) events.get(events.size() - 1);
            assertEquals(v, f.violation(), () -> v + " example gave " + events);
            assertEquals(v.closeCode(), f.closeCode());
        });
    }

    @Test
    void closeCodesFollowRfc6455Section7_4_1() {
        Set<WsViolation> invalidData = EnumSet.of(WsViolation.INVALID_UTF8, WsViolation.INVALID_COMPRESSED_DATA);
        Set<WsViolation> tooBig = EnumSet.of(WsViolation.MESSAGE_TOO_BIG, WsViolation.DECOMPRESSED_TOO_BIG);
        for (WsViolation v : WsViolation.values()) {
            int expected = invalidData.contains(v) ? 1007 : tooBig.contains(v) ? 1009 : 1002;
            assertEquals(expected, v.closeCode(), v.name());
        }
    }

    @Test
    void everyRuleCitesItsRfcSection() {
        for (WsViolation v : WsViolation.values()) {
            assertTrue(v.rule().matches("RFC (6455|7692) section [0-9.]+: .+"), v + ": " + v.rule());
        }
    }

    @Test
    void theExceptionCarriesTheViolationAndNamesTheRule() {
        WsProtocolException e = new WsProtocolException(WsViolation.INVALID_UTF8, "byte 0xFF at offset 3");
        assertEquals(1007, e.closeCode());
        assertEquals("INVALID_UTF8: byte 0xFF at offset 3 (" + WsViolation.INVALID_UTF8.rule() + ")", e.getMessage());
        assertEquals(new WsEvent.Failure(WsViolation.INVALID_UTF8, "byte 0xFF at offset 3"), e.toEvent());
    }
}
