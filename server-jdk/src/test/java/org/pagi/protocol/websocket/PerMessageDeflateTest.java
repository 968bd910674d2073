package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pagi.protocol.websocket.Utf8ValidatorTest.hex;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Bytes;

/** The compressor and decompressor (RFC 7692 section 7.2), on their own; negotiation is in its own test. */
class PerMessageDeflateTest {
    static final long MIB = 1024 * 1024;

    static PerMessageDeflate server(DeflateParams p) {
        return new PerMessageDeflate(p, true, MIB);
    }

    static PerMessageDeflate client(DeflateParams p) {
        return new PerMessageDeflate(p, false, MIB);
    }

    /** @return {@code compressed} inflated by a plain JDK Inflater, the tail put back, as any peer would */
    static byte[] standardInflate(Inflater inflater, Bytes compressed) throws DataFormatException {
        inflater.setInput(Wire.concat(compressed.toByteArray(), hex("00 00 FF FF")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static Bytes repetitive(int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < size; i++) {
            sb.append("message ").append(i % 10).append(" of the stream; ");
        }
        return Bytes.utf8(sb.substring(0, size));
    }

    @Nested
    class RfcSamples {
        @Test
        void decompressesTheSampleOfSection7_2_3_1() throws Exception {
            assertEquals(Bytes.ascii("Hello"), client(DeflateParams.defaults()).decompress(Bytes.of(hex("f2 48 cd c9 c9 07 00"))));
        }

        @Test
        void compressesHelloAsTheRfcDoes() {
            assertEquals(Bytes.of(hex("f2 48 cd c9 c9 07 00")), server(DeflateParams.defaults()).compress(Bytes.ascii("Hello")));
        }

        @Test
        void keepsTheContextBetweenMessagesAsInSection7_2_3_2() throws Exception {
            PerMessageDeflate d = client(DeflateParams.defaults());
            assertEquals(Bytes.ascii("Hello"), d.decompress(Bytes.of(hex("f2 48 cd c9 c9 07 00"))));
            assertEquals(Bytes.ascii("Hello"), d.decompress(Bytes.of(hex("f2 00 11 00 00"))));
        }

        @Test
        void acceptsStoredBlocksBfinalAndSeveralBlocks() throws Exception {
            PerMessageDeflate d = client(DeflateParams.defaults());
            // Section 7.2.3.3 (no compression), 7.2.3.4 (BFINAL set), 7.2.3.5 (two DEFLATE blocks).
            assertEquals(Bytes.ascii("Hello"), d.decompress(Bytes.of(hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))));
            assertEquals(Bytes.ascii("Hello"), d.decompress(Bytes.of(hex("f3 48 cd c9 c9 07 00"))));
            assertEquals(Bytes.ascii("Hello"), d.decompress(Bytes.of(hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"))));
        }

        @Test
        void anEmptyMessageCompressesToALoneZeroByteEvenAfterOthers() throws Exception {
            // Section 7.2.3.6: the empty message may be sent as a single 0x00 byte.
            PerMessageDeflate d = server(DeflateParams.defaults());
            PerMessageDeflate peer = client(DeflateParams.defaults());
            assertEquals(Bytes.of(hex("00")), d.compress(Bytes.empty()));
            assertEquals(Bytes.ascii("Hello"), peer.decompress(d.compress(Bytes.ascii("Hello"))));
            assertEquals(Bytes.of(hex("00")), d.compress(Bytes.empty()));
            assertEquals(Bytes.empty(), peer.decompress(Bytes.of(hex("00"))));
            assertEquals(Bytes.ascii("Hello"), peer.decompress(d.compress(Bytes.ascii("Hello"))));
        }
    }

    @Nested
    class ContextTakeover {
        @Test
        void aSecondIdenticalMessageShrinksWhenTheContextIsKept() {
            PerMessageDeflate d = server(DeflateParams.defaults());
            Bytes m = repetitive(300);
            assertTrue(d.compress(m).length() > d.compress(m).length());
        }

        @Test
        void noContextTakeoverMakesEveryMessageCompressAlike() {
            PerMessageDeflate d = server(new DeflateParams(true, false, 15, 15));
            Bytes m = repetitive(300);
            assertEquals(d.compress(m), d.compress(m));
            PerMessageDeflate c = client(new DeflateParams(false, true, 15, 15));
            assertEquals(c.compress(m), c.compress(m));
        }

        @Test
        void eachSideFollowsItsOwnParameter() {
            Bytes m = repetitive(300);
            PerMessageDeflate serverKeeps = server(new DeflateParams(false, true, 15, 15));
            assertNotEquals(serverKeeps.compress(m), serverKeeps.compress(m));
            PerMessageDeflate clientKeeps = client(new DeflateParams(true, false, 15, 15));
            assertNotEquals(clientKeeps.compress(m), clientKeeps.compress(m));
        }
    }

    @Nested
    class WindowLimits {
        @Test
        void aLimitedWindowCompressesHuffmanOnlyAndStillInflatesWithAStandardInflater() throws Exception {
            PerMessageDeflate d = server(new DeflateParams(false, false, 8, 15));
            assertTrue(d.huffmanOnly());
            Inflater standard = new Inflater(true);
            for (int i = 0; i < 5; i++) {
                Bytes m = repetitive(5000 + i);
                Bytes c = d.compress(m);
                assertTrue(c.length() < m.length(), "Huffman coding alone still shrinks text");
                assertArrayEquals(m.toByteArray(), standardInflate(standard, c));
            }
            standard.end();
        }

        @Test
        void huffmanOnlyFindsNoRepeatsEvenAfterAReset() {
            // Ten thousand equal bytes cost ~30 bytes with back-references; Huffman coding alone needs 1 bit each.
            Bytes same = Bytes.of(new byte[10_000]);
            PerMessageDeflate limited = server(new DeflateParams(true, false, 8, 15));
            assertTrue(limited.compress(same).length() >= 10_000 / 8);
            assertTrue(limited.compress(same).length() >= 10_000 / 8, "the strategy survives the per-message reset");
            assertTrue(server(DeflateParams.defaults()).compress(same).length() < 100);
        }

        @Test
        void huffmanOnlyNeverReachesBackIntoThePreviousMessage() {
            // With no back-references, a repeated message costs as much as the first: no window is used at all.
            PerMessageDeflate d = client(new DeflateParams(false, false, 15, 9));
            Bytes m = repetitive(2000);
            assertEquals(d.compress(m).length(), d.compress(m).length(), 2);
            assertFalse(server(new DeflateParams(false, false, 15, 9)).huffmanOnly());
        }
    }

    @Nested
    class Bounds {
        @Test
        void aDecompressionBombFailsAtTheLimit() {
            Deflater deflater = new Deflater(9, true);
            deflater.setInput(new byte[10 * (int) MIB]);
            deflater.finish();
            byte[] buf = new byte[64 * 1024];
            int n = deflater.deflate(buf);
            deflater.end();
            assertTrue(n < 20_000, "10 MiB of zeros compress to " + n + " bytes");
            PerMessageDeflate d = new PerMessageDeflate(DeflateParams.defaults(), true, MIB);
            WsProtocolException e = assertThrows(WsProtocolException.class, () -> d.decompress(Bytes.of(buf, 0, n)));
            assertEquals(WsViolation.DECOMPRESSED_TOO_BIG, e.violation());
            assertEquals(1009, e.closeCode());
        }

        @Test
        void stopsProducingAtTheLimitRatherThanInflatingEverything() throws Exception {
            Bytes bomb = server(DeflateParams.defaults()).compress(Bytes.of(new byte[10 * (int) MIB]));
            PerMessageDeflate d = client(DeflateParams.defaults());
            long[] seen = {0};
            d.inflateBegin();
            assertThrows(WsProtocolException.class,
                    () -> d.inflate(bomb.toByteArray(), 0, bomb.length(), (b, off, len) -> seen[0] += len));
            assertTrue(seen[0] <= MIB, "handed on " + seen[0] + " bytes");
        }

        @Test
        void invalidDeflateDataFailsWith1007() {
            WsProtocolException e = assertThrows(WsProtocolException.class,
                    () -> client(DeflateParams.defaults()).decompress(Bytes.of(hex("ff ff ff"))));
            assertEquals(WsViolation.INVALID_COMPRESSED_DATA, e.violation());
            assertEquals(1007, e.closeCode());
        }

        @Test
        void dataAfterAFinalBlockIsInvalid() {
            WsProtocolException e = assertThrows(WsProtocolException.class,
                    () -> client(DeflateParams.defaults()).decompress(Bytes.of(hex("f3 48 cd c9 c9 07 00 41 41"))));
            assertEquals(WsViolation.INVALID_COMPRESSED_DATA, e.violation());
        }

        @Test
        void rejectsANonPositiveLimit() {
            assertThrows(IllegalArgumentException.class, () -> new PerMessageDeflate(DeflateParams.defaults(), true, 0));
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void closeIsIdempotentAndEndsUse() {
            PerMessageDeflate d = server(DeflateParams.defaults());
            d.compress(Bytes.ascii("x"));
            d.close();
            d.close();
            assertThrows(IllegalStateException.class, () -> d.compress(Bytes.ascii("x")));
        }

        @Test
        void closeBeforeAnyUseAllocatesNothing() {
            server(DeflateParams.defaults()).close();
        }

        @Test
        void manyMessagesRoundTripInBothDirections() throws Exception {
            for (DeflateParams p : List.of(DeflateParams.defaults(), new DeflateParams(true, true, 15, 15),
                    new DeflateParams(true, false, 10, 15), new DeflateParams(false, true, 15, 8))) {
                PerMessageDeflate s = server(p);
                PerMessageDeflate c = client(p);
                for (int i = 0; i < 50; i++) {
                    Bytes m = repetitive(i * 37);
                    assertEquals(m, c.decompress(s.compress(m)), p + " server to client, message " + i);
                    assertEquals(m, s.decompress(c.compress(m)), p + " client to server, message " + i);
                }
            }
        }
    }
}
