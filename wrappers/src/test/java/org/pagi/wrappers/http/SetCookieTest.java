package org.pagi.wrappers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.Header;

class SetCookieTest {

    @Test
    void defaultsArePathRootHttpOnlyAndSameSiteLax() {
        assertEquals("sid=abc; Path=/; HttpOnly; SameSite=Lax", SetCookie.of("sid", "abc").headerValue());
    }

    @Test
    void writesEveryAttributeInAFixedOrder() {
        SetCookie c = SetCookie.of("id", "42").withPath("/app").withDomain("example.com")
                .withMaxAge(Duration.ofHours(1)).withExpires(Instant.parse("1994-11-06T08:49:37Z"))
                .withSecure(true).withSameSite(SameSite.STRICT).withPartitioned(true);
        assertEquals("id=42; Path=/app; Domain=example.com; Max-Age=3600; Expires=Sun, 06 Nov 1994 08:49:37 GMT; "
                + "Secure; HttpOnly; SameSite=Strict; Partitioned", c.headerValue());
    }

    @Test
    void attributesCanBeLeftOut() {
        SetCookie c = SetCookie.of("a", "b").withPath(null).withHttpOnly(false).withSameSite(null);
        assertEquals("a=b", c.headerValue());
    }

    @Test
    void secureForFollowsTheScheme() {
        assertTrue(SetCookie.of("a", "b").secureFor("https").secure());
        assertTrue(SetCookie.of("a", "b").secureFor("wss").secure());
        assertEquals(false, SetCookie.of("a", "b").withSecure(true).secureFor("http").secure());
    }

    @Test
    void deletionHasAnEmptyValueMaxAgeZeroAndAnExpiresInThePast() {
        assertEquals("sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
                SetCookie.deletion("sid").headerValue());
        assertEquals("/app", SetCookie.deletion("sid").withPath("/app").path().orElseThrow());
    }

    @Test
    void valuesOutsideCookieOctetsArePercentEncodedAndReadBack() {
        SetCookie c = SetCookie.of("v", "a b;c,\"d\\100%é");
        assertEquals("v=a%20b%3Bc%2C%22d%5C100%25%C3%A9; Path=/; HttpOnly; SameSite=Lax", c.headerValue());
        String pair = c.headerValue().substring(0, c.headerValue().indexOf(';'));
        assertEquals(Optional.of("a b;c,\"d\\100%é"), RequestCookies.parse(List.of(pair)).get("v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a=b", "é", "a\"", "(x)"})
    void rejectsANameThatIsNotAToken(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SetCookie.of(name, "v"));
        assertTrue(e.getMessage().contains("cookie name"), e.getMessage());
    }

    @Test
    void rejectsPathsAndDomainsThatCouldInjectAttributes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetCookie.of("a", "b").withPath("/; Domain=evil"))
                .getMessage().contains("Path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetCookie.of("a", "b").withDomain("x\r\ny"))
                .getMessage().contains("Domain"));
        assertThrows(IllegalArgumentException.class, () -> SetCookie.of("a", "b").withMaxAge(Duration.ofSeconds(-1)));
    }

    @Test
    void sameSiteNoneAndPartitionedNeedSecure() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> SetCookie.of("a", "b").withSameSite(SameSite.NONE).headerValue()).getMessage().contains("Secure"));
        assertThrows(IllegalStateException.class, () -> SetCookie.of("a", "b").withPartitioned(true).headerValue());
        assertEquals("a=b; Path=/; Secure; HttpOnly; SameSite=None",
                SetCookie.of("a", "b").withSecure(true).withSameSite(SameSite.NONE).headerValue());
    }

    @Test
    void asHeaderIsASetCookieField() {
        assertEquals(Header.of("set-cookie", "a=b; Path=/; HttpOnly; SameSite=Lax"), SetCookie.of("a", "b").asHeader());
    }

    @Test
    void httpDatesAreImfFixdatesBothWays() {
        Instant t = Instant.parse("2026-03-05T07:08:09Z");
        assertEquals("Thu, 05 Mar 2026 07:08:09 GMT", HttpDate.format(t));
        assertEquals(Optional.of(t), HttpDate.parse(" Thu, 05 Mar 2026 07:08:09 GMT "));
        assertEquals(Optional.empty(), HttpDate.parse("Thursday, 05-Mar-26 07:08:09 GMT"));
        assertEquals(Optional.empty(), HttpDate.parse("not a date"));
    }
}
