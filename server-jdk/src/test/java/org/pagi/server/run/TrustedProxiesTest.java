package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only in these tests: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean trusts(String entry, String peer) {
        return TrustedProxies.parse(List.of(entry)).trusts(ip(peer));
    }

    @Nested
    class Matching {
        @ParameterizedTest(name = "{0} trusts {1}: {2}")
        @CsvSource({
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "10.0.0.0/8, 10.255.3.4, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "192.168.1.128/25, 192.168.1.200, true",
            "192.168.1.128/25, 192.168.1.127, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "::1, ::1, true",
            "::1, 127.0.0.1, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "2001:db8::/33, 2001:db8:7fff::1, true",
            "2001:db8::/33, 2001:db8:8000::1, false",
            "::ffff:10.0.0.0/104, 10.1.2.3, true",
            "::ffff:10.0.0.1, 10.0.0.1, true",
            "'*', 198.51.100.7, true",
            "'*', 2001:db8::5, true",
        })
        void matchesAddressesAndRanges(String entry, String peer, boolean expected) {
            assertEquals(expected, trusts(entry, peer));
        }

        @Test
        void trustsAnyEntryOfTheList() {
            TrustedProxies t = TrustedProxies.parse(List.of("127.0.0.1", " ::1 ", "10.0.0.0/8"));
            assertTrue(t.trusts(ip("10.9.9.9")));
            assertTrue(t.trusts(ip("::1")));
            assertFalse(t.trusts(ip("192.0.2.1")));
        }

        @Test
        void anEmptyListTrustsNoOne() {
            assertFalse(TrustedProxies.parse(List.of()).trusts(ip("127.0.0.1")));
            assertFalse(TrustedProxies.none().trusts(ip("127.0.0.1")));
        }

        @Test
        void reportsWhetherItTrustsEveryone() {
            assertTrue(TrustedProxies.parse(List.of("10.0.0.1", "*")).trustsAll());
            assertFalse(TrustedProxies.parse(List.of("10.0.0.0/8")).trustsAll());
        }
    }

    @Nested
    class BadEntries {
        @ParameterizedTest
        @ValueSource(strings = {"localhost", "example.com", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5",
            "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129", "::g", "fe80::1%eth0", "[::1]", "", "**",
            "::ffff:10.0.0.0/8", ".::1", "g::1", "1.2.3.4:80"})
        void rejectsAnEntryNamingIt(String entry) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(List.of("127.0.0.1", entry)));
            assertTrue(e.getMessage().contains("'" + entry.strip() + "'"), e.getMessage());
        }

        @Test
        void rejectsHostBitsSuggestingTheNetwork() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(List.of("10.1.2.3/8")));
            assertEquals("trusted proxy entry '10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8?",
                    e.getMessage());
        }

        @Test
        void neverLooksAHostNameUp() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(List.of("abc")));
            assertEquals("trusted proxy entry 'abc' is not an IP address, a CIDR range or *", e.getMessage());
        }
    }
}
