package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pagi.spec.Headers;

class RequestCookiesTest {

    @Test
    void readsEveryCookieFieldInOrder() {
        RequestCookies c = RequestCookies.parse(Headers.of("Cookie", "a=1; b=2", "x-other", "z=9", "cookie", "c=3"));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), c.asMap());
        assertEquals(List.of("a", "b", "c"), List.copyOf(c.names()));
        assertEquals(Optional.of("2"), c.get("b"));
        assertEquals(3, c.size());
    }

    @Test
    void theFirstValueOfARepeatedNameWins() {
        RequestCookies c = RequestCookies.parse(List.of("sid=specific; sid=general", "sid=later"));
        assertEquals(Optional.of("specific"), c.get("sid"));
    }

    @Test
    void isLenientAboutSpacingEmptyPiecesAndPiecesWithoutEquals() {
        RequestCookies c = RequestCookies.parse(List.of(" a = 1 ;;\tb=2;flag; =orphan;c=;d==x"));
        assertEquals(Map.of("a", "1", "b", "2", "c", "", "d", "=x"), c.asMap());
    }

    @Test
    void removesOnePairOfQuotesAndDecodesPercentEscapesAsUtf8() {
        RequestCookies c = RequestCookies.parse(List.of("q=\"hello world\"; e=%C3%A9t%C3%A9; bad=%FF; plus=a+b; lone=\""));
        assertEquals(Optional.of("hello world"), c.get("q"));
        assertEquals(Optional.of("été"), c.get("e"));
        assertEquals(Optional.of("\uFFFD"), c.get("bad"));
        assertEquals(Optional.of("a+b"), c.get("plus"));
        assertEquals(Optional.of("\""), c.get("lone"));
    }

    @Test
    void namesAreCaseSensitiveAndAbsenceIsEmpty() {
        RequestCookies c = RequestCookies.parse(List.of("Sid=1"));
        assertEquals(Optional.empty(), c.get("sid"));
        assertTrue(RequestCookies.parse(Headers.empty()).isEmpty());
    }

    @Test
    void rawUtf8FromTheWireAndWideCharsFromCallersBothReadAsText() {
        assertEquals(Optional.of("é"), RequestCookies.parse(Headers.of(List.of(
                new org.pagi.spec.Header("cookie", org.pagi.spec.Bytes.utf8("e=é"))))).get("e"));
        assertEquals(Optional.of("日本"), RequestCookies.parse(List.of("j=日本")).get("j"));
    }
}
