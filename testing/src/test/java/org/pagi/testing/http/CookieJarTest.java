package org.pagi.testing.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pagi.spec.Headers;

class CookieJarTest {
    /** Wed, 21 Oct 2015 07:28:00 GMT, the example date of RFC 9110. */
    private static final Instant START = Instant.parse("2015-10-21T07:28:00Z");

    private final TestClock clock = new TestClock(START);
    private final CookieJar jar = new CookieJar(clock);

    private void receive(String requestPath, String... setCookies) {
        receive(requestPath, false, setCookies);
    }

    private void receive(String requestPath, boolean secure, String... setCookies) {
        Headers.Builder headers = Headers.builder().add("content-type", "text/plain");
        for (String line : setCookies) {
            headers.add("Set-Cookie", line);
        }
        jar.store(requestPath, secure, headers.build());
    }

    private Optional<String> header(String requestPath) {
        return jar.cookieHeader(requestPath, false, clock.instant());
    }

    @Nested
    class ParsingSetCookie {
        @Test
        void storesNameAndValueWithSurroundingWhitespaceTrimmed() {
            receive("/", " sid = abc\t; Path=/");
            assertEquals(Optional.of("sid=abc"), header("/"));
        }

        @Test
        void keepsEverythingAfterTheFirstEqualsSignAndAnyQuotesInTheValue() {
            receive("/", "a=b=c", "q=\"quoted\"");
            assertEquals(Map.of("a", "b=c", "q", "\"quoted\""), jar.asMap());
        }

        @Test
        void keepsAnEmptyValue() {
            receive("/", "empty=; Path=/");
            assertEquals(Optional.of("empty="), header("/"));
        }

        @Test
        void ignoresALineWithoutEqualsInTheFirstPair() {
            receive("/", "novalue; Path=/", "also-bad", "good=1; x=y");
            assertEquals(Map.of("good", "1"), jar.asMap());
        }

        @Test
        void ignoresALineWithAnEmptyName() {
            receive("/", "=abc", "  =def; Path=/");
            assertEquals(Map.of(), jar.asMap());
        }

        @Test
        void storesEverySetCookieFieldOfTheResponse() {
            receive("/", "a=1", "b=2", "c=3");
            assertEquals(Optional.of("a=1; b=2; c=3"), header("/"));
        }

        @Test
        void ignoresOtherHeadersAndAResponseWithoutSetCookie() {
            jar.store("/", false, Headers.of("cookie", "x=1", "content-type", "text/html"));
            assertEquals(Map.of(), jar.asMap());
        }

        @Test
        void keepsTheAttributesItDoesNotEnforce() {
            receive("/app/x", true,
                    "sid=1; Domain=.Example.COM; Path=/app; Secure; HttpOnly; SameSite=Lax; Max-Age=60; Foo=bar");
            Cookie expected = new Cookie("sid", "1", "/app", Optional.of("example.com"),
                    Optional.of(START.plusSeconds(60)), true, true, Optional.of("Lax"));
            assertEquals(List.of(expected), jar.cookies());
        }

        @Test
        void readsAttributeNamesInAnyCase() {
            receive("/", true, "a=1; pAtH=/p; SECURE; httponly; max-AGE=5; SameSite=Strict");
            Cookie expected = new Cookie("a", "1", "/p", Optional.empty(), Optional.of(START.plusSeconds(5)), true,
                    true, Optional.of("Strict"));
            assertEquals(List.of(expected), jar.cookies());
        }

        @Test
        void ignoresAnEmptyDomainAttribute() {
            receive("/", "a=1; Domain=");
            assertEquals(Optional.empty(), jar.cookies().get(0).domain());
        }

        @Test
        void makesASessionCookieWhenThereIsNoExpiry() {
            receive("/", "a=1");
            assertEquals(Optional.empty(), jar.cookies().get(0).expires());
        }
    }

    @Nested
    class Paths {
        @ParameterizedTest(name = "request {0} gives default path {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''|/", "/|/", "/a|/", "/a/b|/a", "/a/b/|/a/b", "/a/b/c?x=/y/z|/a/b", "/a?q=/x/y|/", "relative/x|/",
            "/docs/page#frag/x|/docs"
        })
        void derivesTheDefaultPathFromTheRequestPath(String requestPath, String expected) {
            assertEquals(expected, SetCookieParser.defaultPath(requestPath));
        }

        @ParameterizedTest(name = "cookie path {0} matches {1}: {2}")
        @CsvSource({
            "/a, /a, true", "/a, /a/b, true", "/a, /a/, true", "/a, /ab, false", "/a, /, false", "/a/, /a/b, true",
            "/a/, /a, false", "/, /anything, true", "/, /, true", "/a, /a?x=1, true", "/a, /A, false"
        })
        void followsThePathMatchRule(String cookiePath, String requestPath, boolean matches) {
            assertEquals(matches, SetCookieParser.pathMatches(cookiePath, requestPath));
        }

        @Test
        void sendsACookieWithTheDefaultPathOnlyBelowIt() {
            receive("/docs/page", "a=1");
            assertAll(() -> assertEquals(Optional.of("a=1"), header("/docs")),
                    () -> assertEquals(Optional.of("a=1"), header("/docs/other")),
                    () -> assertEquals(Optional.empty(), header("/docsx")),
                    () -> assertEquals(Optional.empty(), header("/")));
        }

        @Test
        void usesTheDefaultPathForAnEmptyOrRelativePathAttribute() {
            receive("/shop/cart", "a=1; Path=", "b=2; Path=relative");
            assertEquals(List.of("/shop", "/shop"), jar.cookies().stream().map(Cookie::path).toList());
        }

        @Test
        void letsTheLastPathAttributeWin() {
            receive("/", "a=1; Path=/one; Path=/two", "b=2; Path=/one; Path=bad");
            assertEquals(List.of("a /two", "b /"),
                    jar.cookies().stream().map(c -> c.name() + " " + c.path()).toList());
        }

        @Test
        void keepsCookiesOfTheSameNameAtDifferentPathsApart() {
            receive("/", "id=root; Path=/", "id=api; Path=/api");
            assertAll(() -> assertEquals(Optional.of("id=api; id=root"), header("/api/users")),
                    () -> assertEquals(Optional.of("id=root"), header("/web")));
        }
    }

    @Nested
    class Expiry {
        @Test
        void deletesAStoredCookieOnMaxAgeZero() {
            receive("/", "a=1", "b=2");
            receive("/", "a=gone; Max-Age=0");
            assertEquals(Map.of("b", "2"), jar.asMap());
        }

        @Test
        void deletesAStoredCookieOnNegativeMaxAge() {
            receive("/", "a=1");
            receive("/", "a=1; Max-Age=-1");
            assertEquals(Optional.empty(), header("/"));
        }

        @Test
        void deletesOnlyTheCookieWithTheSamePath() {
            receive("/", "a=root; Path=/", "a=sub; Path=/sub");
            receive("/", "a=; Path=/sub; Max-Age=0");
            assertEquals(Optional.of("a=root"), header("/sub"));
        }

        @Test
        void deletesAStoredCookieOnAnExpiresDateInThePast() {
            receive("/", "a=1");
            receive("/", "a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            assertEquals(Map.of(), jar.asMap());
        }

        @Test
        void expiresAMaxAgeCookieWhenItsTimeComes() {
            receive("/", "a=1; Max-Age=60");
            clock.advance(Duration.ofSeconds(59));
            assertEquals(Optional.of("1"), jar.get("a"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(Optional.empty(), jar.get("a"));
        }

        @Test
        void expiresAnExpiresCookieWhenItsDateComes() {
            receive("/", "a=1; Expires=Wed, 21 Oct 2015 08:28:00 GMT");
            assertAll(() -> assertEquals(Optional.of("a=1"),
                            jar.cookieHeader("/", false, START.plus(Duration.ofMinutes(59)))),
                    () -> assertEquals(Optional.empty(),
                            jar.cookieHeader("/", false, START.plus(Duration.ofHours(1)))));
        }

        @Test
        void letsMaxAgeWinOverExpiresWhateverTheOrder() {
            receive("/", "kept=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                    "gone=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=0");
            assertEquals(Map.of("kept", "1"), jar.asMap());
        }

        @Test
        void ignoresAMalformedMaxAgeSoExpiresApplies() {
            receive("/", "a=1; Max-Age=1x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "b=1; Max-Age=-; Max-Age=+5");
            assertEquals(List.of(Optional.<Instant>empty()),
                    jar.cookies().stream().map(Cookie::expires).toList());
        }

        @Test
        void ignoresAnUnparseableExpires() {
            receive("/", "a=1; Expires=tomorrow");
            assertEquals(Optional.empty(), jar.cookies().get(0).expires());
        }

        @Test
        void survivesAMaxAgeTooLargeForALong() {
            receive("/", "a=1; Max-Age=99999999999999999999999", "b=1; Max-Age=9223372036854775807");
            assertEquals(List.of(Optional.of(Instant.MAX), Optional.of(Instant.MAX)),
                    jar.cookies().stream().map(Cookie::expires).toList());
        }

        @Test
        void dropsExpiredCookiesFromTheHeaderAtTheGivenTime() {
            receive("/", "short=1; Max-Age=10", "long=2; Max-Age=100");
            assertEquals(Optional.of("long=2"), jar.cookieHeader("/", false, START.plusSeconds(50)));
        }
    }

    @Nested
    class CookieDatesRfc6265 {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015",
            "wed, 21 OCTOBER 2015 07:28:00 gmt", "21 Oct 2015 7:28:0", "Wed, 21-Oct-2015 07:28:00 GMT+02"
        })
        void readsTheDateFormatsServersSend(String text) {
            assertEquals(Optional.of(START), CookieDates.parse(text));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "Sat, 30 Feb 2019 00:00:00 GMT", "Mon, 01 Jan 1600 00:00:00 GMT", "Wed, 21 Oct 2015 24:00:00 GMT",
            "Wed, 21 Oct 2015 GMT", "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Foo 2015 07:28:00 GMT", "garbage"
        })
        void rejectsDatesTheAlgorithmFails(String text) {
            assertEquals(Optional.empty(), CookieDates.parse(text));
        }

        @Test
        void mapsTwoDigitYearsAroundNineteenSeventy() {
            assertAll(
                    () -> assertEquals(Optional.of(Instant.parse("1970-01-01T00:00:00Z")),
                            CookieDates.parse("01 Jan 70 00:00:00")),
                    () -> assertEquals(Optional.of(Instant.parse("2069-01-01T00:00:00Z")),
                            CookieDates.parse("01 Jan 69 00:00:00")));
        }
    }

    @Nested
    class SecureCookies {
        @Test
        void sendsASecureCookieOnlyOnSecureRequests() {
            receive("/", true, "s=1; Secure", "p=2");
            assertAll(() -> assertEquals(Optional.of("s=1; p=2"), jar.cookieHeader("/", true, START)),
                    () -> assertEquals(Optional.of("p=2"), jar.cookieHeader("/", false, START)));
        }

        @Test
        void ignoresASecureCookieFromAnInsecureResponse() {
            receive("/", false, "s=1; Secure");
            assertEquals(Map.of(), jar.asMap());
        }

        @Test
        void doesNotLetAnInsecureResponseOverwriteOrDeleteASecureCookie() {
            receive("/", true, "s=1; Secure");
            receive("/", false, "s=evil", "s=; Max-Age=0");
            assertEquals(Optional.of("s=1"), jar.cookieHeader("/", true, START));
        }

        @Test
        void letsASecureResponseReplaceASecureCookie() {
            receive("/", true, "s=1; Secure");
            receive("/", true, "s=2");
            assertEquals(Optional.of("s=2"), jar.cookieHeader("/", false, START));
        }
    }

    @Nested
    class Ordering {
        @Test
        void sendsLongerPathsFirst() {
            receive("/", "root=1; Path=/", "deep=3; Path=/a/b", "mid=2; Path=/a");
            assertEquals(Optional.of("deep=3; mid=2; root=1"), header("/a/b/c"));
        }

        @Test
        void sendsEarlierCreatedCookiesFirstAmongEqualPaths() {
            receive("/", "z=1", "a=2");
            receive("/", "m=3");
            assertEquals(Optional.of("z=1; a=2; m=3"), header("/"));
        }

        @Test
        void keepsTheCreationOrderOfAReplacedCookie() {
            receive("/", "first=1", "second=2");
            receive("/", "first=updated");
            assertEquals(Optional.of("first=updated; second=2"), header("/"));
        }

        @Test
        void putsAReAddedCookieLastAfterItWasDeleted() {
            receive("/", "first=1", "second=2");
            receive("/", "first=; Max-Age=0");
            receive("/", "first=again");
            assertEquals(Optional.of("second=2; first=again"), header("/"));
        }
    }

    @Nested
    class ManualAccess {
        @Test
        void seedsACookieForEveryPath() {
            jar.set("token", "abc");
            assertAll(() -> assertEquals(Optional.of("token=abc"), header("/deep/path")),
                    () -> assertEquals(Optional.of("abc"), jar.get("token")));
        }

        @Test
        void seedsACookieForOnePath() {
            jar.set("a", "1", "/admin");
            assertAll(() -> assertEquals(Optional.of("a=1"), header("/admin/users")),
                    () -> assertEquals(Optional.empty(), header("/administrator")));
        }

        @Test
        void replacesAStoredCookieWithTheSameNameAndPath() {
            receive("/", "a=1; Path=/");
            jar.set("a", "2");
            assertEquals(Map.of("a", "2"), jar.asMap());
        }

        @Test
        void getsTheCookieThatWouldBeSentFirst() {
            jar.set("id", "root");
            jar.set("id", "api", "/api");
            assertAll(() -> assertEquals(Optional.of("api"), jar.get("id")),
                    () -> assertEquals(Map.of("id", "api"), jar.asMap()),
                    () -> assertEquals(Optional.empty(), jar.get("other")));
        }

        @Test
        void listsCookiesInSendOrderAsAnUnmodifiableMap() {
            jar.set("b", "2");
            jar.set("a", "1", "/x");
            Map<String, String> map = jar.asMap();
            assertAll(() -> assertEquals(List.of("a", "b"), List.copyOf(map.keySet())),
                    () -> assertThrows(UnsupportedOperationException.class, () -> map.put("c", "3")));
        }

        @Test
        void forgetsEverythingOnClear() {
            jar.set("a", "1");
            receive("/", "b=2");
            jar.clear();
            assertAll(() -> assertEquals(Map.of(), jar.asMap()), () -> assertEquals(Optional.empty(), header("/")));
        }

        @ParameterizedTest(name = "name \"{0}\" value \"{1}\" path \"{2}\"")
        @CsvSource(quoteCharacter = '\'', value = {
            "'',v,/", "'a=b',v,/", "'a;b',v,/", "'a b',v,/", "a,'x;y',/", "a,v,relative", "a,v,''", "a,v,'/x;y'"
        })
        void rejectsASeedThatCouldNotBeSentBack(String name, String value, String path) {
            assertThrows(IllegalArgumentException.class, () -> jar.set(name, value, path));
        }

        @Test
        void rejectsAControlCharacterInASeededValue() {
            assertThrows(IllegalArgumentException.class, () -> jar.set("a", "x\ny"));
        }

        @Test
        void readsTimeFromTheSystemClockByDefault() {
            CookieJar systemJar = new CookieJar();
            systemJar.store("/", false, Headers.of("set-cookie", "a=1; Max-Age=3600"));
            assertTrue(systemJar.cookieHeader("/", false).isPresent());
        }

        @Test
        void storesAtAnExplicitTime() {
            jar.store("/", false, Headers.of("set-cookie", "a=1; Max-Age=10"), START.plusSeconds(100));
            assertEquals(Optional.of(START.plusSeconds(110)), jar.cookies().get(0).expires());
        }
    }

    @Nested
    class Concurrency {
        @Test
        void keepsEveryCookieStoredFromManyThreadsAtOnce() throws Exception {
            int threads = 8;
            int perThread = 100;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            jar.store("/", false, Headers.of("set-cookie", "c" + id + "_" + i + "=" + i));
                            jar.cookieHeader("/", false, START);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertEquals(threads * perThread, jar.asMap().size());
        }
    }

    @Test
    void rejectsANullClock() {
        assertThrows(NullPointerException.class, () -> new CookieJar(null));
    }

    @Test
    void doesNotTreatAnExpiryEqualToNowAsLive() {
        Cookie c = Cookie.of("a", "1", "/");
        Cookie expiring = new Cookie("a", "1", "/", Optional.empty(), Optional.of(START), false, false,
                Optional.empty());
        assertAll(() -> assertFalse(c.isExpiredAt(START)), () -> assertTrue(expiring.isExpiredAt(START)));
    }

    /** A clock a test moves by hand. */
    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
