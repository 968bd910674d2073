package org.pagi.testing.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Bytes;

class FormEncoderTest {

    private static String encodeOne(String value) {
        return FormEncoder.encodeQuery(List.of(Map.entry("k", value))).substring(2);
    }

    private static List<Map.Entry<String, String>> decode(String body) {
        return FormEncoder.decode(Bytes.latin1(body));
    }

    @Nested
    class Encoding {
        @Test
        void keepsAsciiLettersDigitsAndStarDashDotUnderscore() {
            String kept = "abcxyzABCXYZ0189*-._";
            assertEquals(kept, encodeOne(kept));
        }

        @Test
        void turnsASpaceIntoPlusAndAPlusIntoPercent2B() {
            assertEquals("a+b%2Bc", encodeOne("a b+c"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "!|%21", "(|%28", ")|%29", "~|%7E", "&|%26", "=|%3D", "%|%25", "/|%2F", "?|%3F", "#|%23",
            ":|%3A", "@|%40", "[|%5B", "]|%5D", ";|%3B", ",|%2C", "\"|%22", "<|%3C", ">|%3E", "\\|%5C", "^|%5E",
            "{|%7B", "}|%7D", "$|%24"
        })
        void percentEncodesEveryOtherAsciiCharacter(String input, String expected) {
            assertEquals(expected, encodeOne(input));
        }

        @Test
        void percentEncodesQuotesAndBacktick() {
            assertEquals("%27%22%60", encodeOne("'\"`"));
        }

        @Test
        void percentEncodesControlCharactersWithUpperCaseHex() {
            assertEquals("%00%0A%0D%09%1F%7F", encodeOne("\0\n\r\t\u001F\u007F"));
        }

        @Test
        void encodesNonAsciiAsUtf8() {
            assertAll(() -> assertEquals("%C3%A9", encodeOne("é")),
                    () -> assertEquals("%E2%82%AC", encodeOne("€")),
                    () -> assertEquals("%F0%9F%98%80", encodeOne("😀")),
                    () -> assertEquals("%E6%97%A5%E6%9C%AC", encodeOne("日本")));
        }

        @Test
        void replacesALoneSurrogateWithTheReplacementCharacter() {
            assertAll(() -> assertEquals("%EF%BF%BDx", encodeOne("\uD83Dx")),
                    () -> assertEquals("x%EF%BF%BD", encodeOne("x\uDE00")));
        }

        @Test
        void joinsFieldsInOrderKeepingRepeatedNames() {
            List<Map.Entry<String, String>> fields = List.of(Map.entry("b", "1"), Map.entry("a", "2"),
                    Map.entry("b", "3"));
            assertEquals(Bytes.ascii("b=1&a=2&b=3"), FormEncoder.encode(fields));
        }

        @Test
        void encodesEmptyNamesAndValuesAsABareEqualsSign() {
            assertAll(() -> assertEquals("=", FormEncoder.encodeQuery(List.of(Map.entry("", "")))),
                    () -> assertEquals(Bytes.empty(), FormEncoder.encode(List.of())));
        }

        @Test
        void followsTheIterationOrderOfAMap() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("z", "last letter");
            fields.put("a", "x&y=z");
            assertAll(() -> assertEquals("z=last+letter&a=x%26y%3Dz", FormEncoder.encodeQuery(fields)),
                    () -> assertEquals(Bytes.ascii("z=last+letter&a=x%26y%3Dz"), FormEncoder.encode(fields)));
        }

        @Test
        void rejectsANullNameOrValue() {
            assertAll(
                    () -> assertThrows(NullPointerException.class, () -> FormEncoder.encode(
                            List.of(new AbstractMap.SimpleEntry<>("a", (String) null)))),
                    () -> assertThrows(NullPointerException.class, () -> FormEncoder.encode(
                            List.of(new AbstractMap.SimpleEntry<>((String) null, "b")))));
        }

        @Test
        void namesTheFormMediaType() {
            assertEquals("application/x-www-form-urlencoded", FormEncoder.CONTENT_TYPE);
        }
    }

    @Nested
    class Decoding {
        @Test
        void readsPlusAndPercent20AsSpace() {
            assertEquals(List.of(Map.entry("a b", "c d")), decode("a+b=c%20d"));
        }

        @Test
        void decodesLowerAndUpperCaseHex() {
            assertEquals(List.of(Map.entry("é", "é")), decode("%c3%a9=%C3%A9"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {"%|%", "%4|%4", "%zz|%zz", "%%41|%A", "100%|100%", "%4g|%4g", "%+|'% '"})
        void keepsAMalformedPercentSequenceLiterally(String input, String expected) {
            assertEquals(List.of(Map.entry("k", expected)), decode("k=" + input));
        }

        @Test
        void skipsEmptySequencesBetweenAmpersands() {
            assertEquals(List.of(Map.entry("a", "1"), Map.entry("b", "2")), decode("&&a=1&&&b=2&"));
        }

        @Test
        void splitsOnTheFirstEqualsSignOnly() {
            assertAll(() -> assertEquals(List.of(Map.entry("a", "")), decode("a")),
                    () -> assertEquals(List.of(Map.entry("", "b")), decode("=b")),
                    () -> assertEquals(List.of(Map.entry("a", "b=c")), decode("a=b=c")),
                    () -> assertEquals(List.of(Map.entry("", "")), decode("=")));
        }

        @Test
        void keepsRepeatedNamesInOrder() {
            assertEquals(List.of(Map.entry("x", "1"), Map.entry("y", "2"), Map.entry("x", "3")), decode("x=1&y=2&x=3"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "%FF|\uFFFD",
            "%C3%28|\uFFFD(",
            "%E2%82|\uFFFD",
            "%E2%82x|\uFFFDx",
            "%ED%A0%80|\uFFFD\uFFFD\uFFFD",
            "%C0%AF|\uFFFD\uFFFD",
            "%F0%80%80%80|\uFFFD\uFFFD\uFFFD\uFFFD",
            "%F4%90%80%80|\uFFFD\uFFFD\uFFFD\uFFFD",
            "%F0%9F%98|\uFFFD",
            "%80a|\uFFFDa"
        })
        void replacesInvalidUtf8AsTheWhatwgDecoderDoes(String input, String expected) {
            assertEquals(List.of(Map.entry("k", expected)), decode("k=" + input));
        }

        @Test
        void keepsAByteOrderMark() {
            assertEquals(List.of(Map.entry("\uFEFFa", "")), decode("%EF%BB%BFa"));
        }

        @Test
        void readsRawUtf8BytesThatWereNotPercentEncoded() {
            assertEquals(List.of(Map.entry("名", "値 €")), FormEncoder.decode(Bytes.utf8("名=値+€")));
        }

        @Test
        void decodesAQueryString() {
            assertEquals(List.of(Map.entry("q", "a&b"), Map.entry("ü", "ü")),
                    FormEncoder.decodeQuery("q=a%26b&ü=%C3%BC"));
        }

        @Test
        void decodesNothingFromAnEmptyBody() {
            assertEquals(List.of(), FormEncoder.decode(Bytes.empty()));
        }

        @Test
        void returnsAnImmutableList() {
            List<Map.Entry<String, String>> fields = decode("a=1");
            assertThrows(UnsupportedOperationException.class, () -> fields.add(Map.entry("b", "2")));
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void givesBackReservedAndNonAsciiFields() {
            List<Map.Entry<String, String>> fields = List.of(
                    Map.entry("q", "a+b c&d=e%f"),
                    Map.entry("名前", "値 😀 ünïcödé"),
                    Map.entry("", ""),
                    Map.entry("path", "/x?y#z"),
                    Map.entry("lines", "one\r\ntwo\n"),
                    Map.entry("q", "again"));
            assertAll(() -> assertEquals(fields, FormEncoder.decode(FormEncoder.encode(fields))),
                    () -> assertEquals(fields, FormEncoder.decodeQuery(FormEncoder.encodeQuery(fields))));
        }
    }

    @Property(tries = 200)
    void decodingAnEncodedFormGivesBackTheFields(@ForAll("fields") List<Map.Entry<String, String>> fields) {
        assertEquals(fields, FormEncoder.decode(FormEncoder.encode(fields)));
    }

    @Property(tries = 200)
    void encodingUsesOnlyUnreservedCharactersPlusAndPercentTriplets(
            @ForAll("fields") List<Map.Entry<String, String>> fields) {
        String query = FormEncoder.encodeQuery(fields);
        assertEquals("", query.replaceAll("%[0-9A-F]{2}|[A-Za-z0-9*._+=&-]", ""));
    }

    @Property(tries = 200)
    void decodingArbitraryBytesNeverFailsAndReEncodingIsStable(@ForAll("bytes") byte[] body) {
        List<Map.Entry<String, String>> once = FormEncoder.decode(Bytes.of(body));
        assertEquals(once, FormEncoder.decode(FormEncoder.encode(once)));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> fields() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ascii().withChars("+%&= é€").ofMaxLength(12),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                        .map(Character::toString)
                        .list().ofMaxSize(8).map(parts -> String.join("", parts)));
        return Combinators.combine(text, text).as(Map::entry).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '%', (byte) '+', (byte) '&', (byte) '=', (byte) 'A',
                (byte) '9', (byte) 0xC3, (byte) 0xED, (byte) 0x80);
        return Arbitraries.oneOf(Arbitraries.bytes(), interesting).list().ofMaxSize(40).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }
}
