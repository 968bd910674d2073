package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Bytes;

class QueryParamsTest {

    @Test
    void splitsOnAmpersandAndSemicolonKeepingOrderAndRepeats() {
        QueryParams q = QueryParams.parse("a=1&b=2;a=3");
        assertEquals(List.of(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("a", "3")), q.pairs());
        assertEquals(Optional.of("1"), q.get("a"));
        assertEquals(List.of("1", "3"), q.getAll("a"));
        assertEquals(Set.of("a", "b"), q.names());
        assertEquals(List.of("a", "b"), List.copyOf(q.names()));
        assertEquals(Map.of("a", List.of("1", "3"), "b", List.of("2")), q.asMap());
        assertEquals(3, q.size());
    }

    @Test
    void skipsEmptyPairsAndReadsANameWithoutEqualsAsAnEmptyValue() {
        QueryParams q = QueryParams.parse("&&flag&;x=&=v");
        assertEquals(List.of(Map.entry("flag", ""), Map.entry("x", ""), Map.entry("", "v")), q.pairs());
        assertTrue(QueryParams.parse("").isEmpty());
        assertEquals(Optional.empty(), q.get("missing"));
        assertEquals(List.of(), q.getAll("missing"));
    }

    @Test
    void onlyTheFirstEqualsSplitsNameFromValue() {
        assertEquals(Optional.of("b=c"), QueryParams.parse("a=b=c").get("a"));
    }

    @Test
    void plainAndEscapedPairsReadTheSameInEveryMode() {
        Bytes query = Bytes.ascii("name=world&lang=en&q=a+b%21&x-id=req-42;empty=&%6Be%79=v");
        for (DecodeMode mode : DecodeMode.values()) {
            QueryParams p = QueryParams.parse(query, mode, 10);
            assertEquals(List.of(Map.entry("name", "world"), Map.entry("lang", "en"), Map.entry("q", "a b!"),
                    Map.entry("x-id", "req-42"), Map.entry("empty", ""), Map.entry("key", "v")), p.pairs(),
                    mode.name());
        }
    }

    @Test
    void namesAreCaseSensitive() {
        assertEquals(Optional.empty(), QueryParams.parse("Name=1").get("name"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=x+y        | x y",
            "a=%41%62     | Ab",
            "a=%c3%a9     | é",
            "a=%2B        | +",
            "a=100%       | 100%",
            "a=%zz%4      | %zz%4",
            "a=%e9        | \uFFFD",
            "a=%ed%a0%80  | \uFFFD\uFFFD\uFFFD",
            "a=%f0%9f%98  | \uFFFD",
            "a=%f0%9f%98%80 | \uD83D\uDE00",
    })
    void replaceModeDecodesLikeABrowser(String query, String expected) {
        assertEquals(Optional.of(expected), QueryParams.parse(query).get("a"));
    }

    @Test
    void decodesRawUtf8BytesThatWereNotEscaped() {
        assertEquals(Optional.of("é"), QueryParams.parse(Bytes.utf8("a=é")).get("a"));
    }

    @Test
    void strictModeDecodesValidInput() {
        QueryParams q = QueryParams.parse(Bytes.ascii("n%C3%A4me=a+b%21"), DecodeMode.STRICT, 10);
        assertEquals(Optional.of("a b!"), q.get("näme"));
    }

    @Test
    void strictModeNamesTheOffsetOfABadEscape() {
        MalformedQueryException e = assertThrows(MalformedQueryException.class,
                () -> QueryParams.parse(Bytes.ascii("ok=1&b=12%G1"), DecodeMode.STRICT, 10));
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("byte 9") && e.getMessage().contains("hex"), e.getMessage());
        assertEquals(3, assertThrows(MalformedQueryException.class,
                () -> QueryParams.parse(Bytes.ascii("a=b%4"), DecodeMode.STRICT, 10)).offset());
    }

    @Test
    void strictModeNamesTheOffsetOfInvalidUtf8InTheRawQuery() {
        MalformedQueryException e = assertThrows(MalformedQueryException.class,
                () -> QueryParams.parse(Bytes.ascii("x=%C3%A9%FF"), DecodeMode.STRICT, 10));
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
    }

    @Test
    void rawModeKeepsTheDecodedBytesOneCharEach() {
        QueryParams q = QueryParams.parse(Bytes.ascii("a=%C3%A9+%FF"), DecodeMode.RAW, 10);
        assertEquals(Optional.of("\u00C3\u00A9 \u00FF"), q.get("a"));
    }

    @Test
    void moreParamsThanTheLimitThrowsTheLimitException() {
        TooManyParametersException e = assertThrows(TooManyParametersException.class,
                () -> QueryParams.parse(Bytes.ascii("a=1&b=2&c=3"), DecodeMode.REPLACE, 2));
        assertEquals(2, e.limit());
        assertEquals(2, QueryParams.parse(Bytes.ascii("a=1&&b=2&"), DecodeMode.REPLACE, 2).size());
    }

    @Test
    void theDefaultLimitIsOneThousand() {
        String ok = "a=1&".repeat(1000);
        assertEquals(1000, QueryParams.parse(ok).size());
        assertThrows(TooManyParametersException.class, () -> QueryParams.parse(ok + "b=2"));
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> QueryParams.parse(Bytes.empty(), DecodeMode.RAW, 0));
    }
}
