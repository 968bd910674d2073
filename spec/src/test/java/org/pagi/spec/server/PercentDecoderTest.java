package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Bytes;

class PercentDecoderTest {

    private static String decode(String encoded, boolean plusIsSpace) {
        return new String(PercentDecoder.decode(Bytes.ascii(encoded), plusIsSpace), StandardCharsets.ISO_8859_1);
    }

    @Nested
    class Escapes {
        @Test
        void decodesUpperAndLowerCaseHex() {
            assertEquals("Ab/", decode("%41%62%2F", false));
            assertEquals("Ab/", decode("%41%62%2f", false));
        }

        @Test
        void decodesToRawBytesNotChars() {
            assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9, 0, (byte) 0xFF},
                    PercentDecoder.decode(Bytes.ascii("%C3%a9%00%fF"), false));
        }

        @Test
        void leavesOtherBytesAlone() {
            assertEquals("/a/b;c=d", decode("/a/b;c=d", false));
        }

        @Test
        void decodesAnEscapeAtTheVeryEnd() {
            assertEquals("a ", decode("a%20", false));
        }
    }

    @Nested
    class MalformedEscapes {
        @ParameterizedTest
        @CsvSource({
                "%, %",
                "%4, %4",
                "a%4, a%4",
                "%G1, %G1",
                "%4G, %4G",
                "100%, 100%",
                "%%41, %A",
                "%-1, %-1",
                "%+1, %+1"
        })
        void keepsAPercentThatIsNotFollowedByTwoHexDigits(String encoded, String decoded) {
            assertEquals(decoded, decode(encoded, false));
        }

        @Test
        void doesNotTakeNonAsciiDigitsAsHex() {
            // Character.digit accepts fullwidth and other Unicode digits; raw bytes never reach it as such.
            Bytes input = Bytes.of(new byte[] {'%', (byte) 0xEF, (byte) 0xBC, (byte) 0x91});
            assertArrayEquals(input.toByteArray(), PercentDecoder.decode(input, false));
        }

        @Test
        void keepsHighBytesThatWereSentRaw() {
            Bytes input = Bytes.of(new byte[] {'/', (byte) 0xE9});
            assertArrayEquals(input.toByteArray(), PercentDecoder.decode(input, false));
        }
    }

    @Nested
    class PlusSigns {
        @Test
        void plusStaysAPlusUnlessAsked() {
            assertEquals("a+b", decode("a+b", false));
        }

        @Test
        void plusIsASpaceWhenAsked() {
            assertEquals("a b c", decode("a+b+c", true));
        }

        @Test
        void anEncodedPlusIsAlwaysAPlus() {
            assertEquals("a+b", decode("a%2Bb", true));
        }
    }

    @Nested
    class Paths {
        @Test
        void decodesUtf8Paths() {
            assertEquals("/caf\u00e9/\u20ac", PercentDecoder.decodePath(Bytes.ascii("/caf%C3%A9/%E2%82%AC")));
        }

        @Test
        void fallsBackToOneCharPerByteForInvalidUtf8() {
            assertEquals("/\u00ff\u00fe", PercentDecoder.decodePath(Bytes.ascii("/%FF%FE")));
        }

        @Test
        void theFallbackAppliesToTheWholePathNotJustTheBadBytes() {
            assertEquals("/\u00c3\u00a9\u00ff", PercentDecoder.decodePath(Bytes.ascii("/%C3%A9%FF")));
        }

        @Test
        void neverTurnsPlusIntoSpace() {
            assertEquals("/a+b", PercentDecoder.decodePath(Bytes.ascii("/a+b")));
        }

        @Test
        void keepsEncodedSlashesAsSlashesInThePath() {
            assertEquals("/a/b", PercentDecoder.decodePath(Bytes.ascii("/a%2Fb")));
        }
    }

    @Nested
    class Text {
        @Test
        void validUtf8IsDecoded() {
            assertEquals("\u00e9", PercentDecoder.text(Bytes.utf8("\u00e9")));
        }

        @Test
        void invalidUtf8IsOneCharPerByte() {
            assertEquals("\u00e9", PercentDecoder.text(Bytes.of(new byte[] {(byte) 0xE9})));
        }
    }
}
