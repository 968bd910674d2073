package org.pagi.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {
    /** @return bytes from space-separated hex, such as {@code "E2 82 AC"} */
    static byte[] hex(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean validates(byte[] b, int... cuts) {
        Utf8Validator v = new Utf8Validator();
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(Math.max(cut, from), b.length);
            v.feed(b, from, to - from);
            from = to;
        }
        v.feed(b, from, b.length - from);
        return !v.failed() && v.atBoundary();
    }

    @Nested
    class Examples {
        @ParameterizedTest
        @ValueSource(strings = {"41", "C2 80", "DF BF", "E0 A0 80", "E2 82 AC", "ED 9F BF", "EE 80 80", "EF BF BF",
            "F0 90 80 80", "F4 8F BF BF", "F3 BF BF BF"})
        void acceptsWellFormedSequencesAtTheirEdges(String hex) {
            assertTrue(validates(hex(hex)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"80", "BF", "C0 80", "C1 BF", "E0 80 80", "E0 9F BF", "ED A0 80", "ED BF BF",
            "F0 80 80 80", "F0 8F BF BF", "F4 90 80 80", "F5 80 80 80", "F8", "FE", "FF", "C2 41", "E2 82 41"})
        void rejectsOverlongsSurrogatesOutOfRangeAndLoneContinuations(String hex) {
            byte[] b = hex(hex);
            assertFalse(validates(b));
            assertFalse(jdkAccepts(b), "the JDK agrees");
        }

        @Test
        void failsAtTheFirstImpossibleByteNotAtTheEnd() {
            Utf8Validator v = new Utf8Validator();
            assertTrue(v.feed(hex("61 E0"), 0, 2));
            assertFalse(v.feed(hex("9F"), 0, 1), "E0 9F can only be an overlong form");
            assertEquals(2, v.offset());
            assertEquals(0x9F, v.badByte());
            assertFalse(v.feed(hex("41"), 0, 1), "it stays failed");
        }

        @Test
        void reportsWhetherItIsBetweenCharacters() {
            Utf8Validator v = new Utf8Validator();
            assertTrue(v.atBoundary());
            v.feed(hex("F0 9F"), 0, 2);
            assertFalse(v.atBoundary());
            v.feed(hex("98 80"), 0, 2);
            assertTrue(v.atBoundary());
        }

        @Test
        void resetForgetsAFailureAndAnOpenSequence() {
            Utf8Validator v = new Utf8Validator();
            v.feed(hex("FF"), 0, 1);
            v.reset();
            assertTrue(v.atBoundary());
            v.feed(hex("E2"), 0, 1);
            v.reset();
            assertTrue(v.feed(hex("41"), 0, 1));
            assertTrue(v.atBoundary());
        }

        @Test
        void feedsByteBuffersHeapDirectAndReadOnly() {
            byte[] b = "h\u00e9llo \u20ac".getBytes(StandardCharsets.UTF_8);
            ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
            for (ByteBuffer buf : List.of(ByteBuffer.wrap(b), ByteBuffer.wrap(b).asReadOnlyBuffer(), direct)) {
                Utf8Validator v = new Utf8Validator();
                assertTrue(v.feed(buf));
                assertFalse(buf.hasRemaining());
                assertTrue(v.atBoundary());
            }
            assertFalse(new Utf8Validator().feed(ByteBuffer.wrap(hex("ED A0 80")).asReadOnlyBuffer()));
        }
    }

    @Property(tries = 1000)
    void agreesWithTheJdkStrictDecoderHoweverTheBytesAreSplit(@ForAll("utf8ish") byte[] bytes,
            @ForAll @IntRange(max = 64) int cut1, @ForAll @IntRange(max = 64) int cut2) {
        assertEquals(jdkAccepts(bytes), validates(bytes, cut1, cut2));
        assertEquals(jdkAccepts(bytes), validates(bytes, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Property(tries = 300)
    void acceptsEveryStringTheJdkEncodes(@ForAll String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertTrue(validates(b, b.length / 3, b.length / 2));
    }

    /** Mostly-plausible UTF-8 with random damage: pure random bytes are almost never valid. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        byte[] edges = hex("00 41 7F 80 8F 90 9F A0 BF C0 C1 C2 DF E0 E1 EC ED EE EF F0 F1 F3 F4 F5 FF");
        Arbitrary<byte[]> leadsAndTails = Arbitraries.integers().between(0, edges.length - 1).map(i -> edges[i])
                .array(byte[].class).ofMaxSize(12);
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> damaged = text.flatMap(b -> Arbitraries.integers().between(0, Math.max(0, b.length))
                .flatMap(i -> Arbitraries.bytes().map(x -> {
                    byte[] c = b.clone();
                    if (i < c.length) {
                        c[i] = x;
                    }
                    return c;
                })));
        return Arbitraries.oneOf(random, leadsAndTails, text, damaged);
    }
}
