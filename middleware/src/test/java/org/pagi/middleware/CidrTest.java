package org.pagi.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4RangesMatchByPrefix() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains("10.255.1.2"));
        assertFalse(ten.contains("11.0.0.1"));
        assertTrue(Cidr.parse("192.168.1.77/24").contains("192.168.1.1"), "host bits are cleared");
        assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.77/24").toString());
        assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
        assertTrue(Cidr.parse("127.0.0.1").contains("127.0.0.1"));
        assertFalse(Cidr.parse("127.0.0.1").contains("127.0.0.2"));
        assertTrue(Cidr.parse("10.0.0.0/9").contains("10.127.0.1"));
        assertFalse(Cidr.parse("10.0.0.0/9").contains("10.128.0.1"));
    }

    @Test
    void ipv6RangesAndMappedAddresses() {
        assertTrue(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1"));
        assertFalse(Cidr.parse("2001:db8::/32").contains("2001:db9::1"));
        assertTrue(Cidr.parse("::1").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"), "IPv4-mapped is the IPv4 address");
        assertFalse(Cidr.parse("::1").contains("127.0.0.1"), "families do not mix");
        assertFalse(Cidr.parse("fd00::/8").contains("10.0.0.1"));
    }

    @Test
    void namesAndGarbageAreNeverInsideAndRefusedAsRanges() {
        Cidr all = Cidr.parse("0.0.0.0/0");
        for (String bad : List.of("localhost", "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "1.2.3.4 ",
                "[::1]", "::1%eth0", "fe80::1%1", ".:1.2.3.4", "g::1", "0x7f.0.0.1", "1.2.3.4:80")) {
            assertFalse(all.contains(bad), bad);   // which texts are literals: IpLiteralTest in spec
        }
        for (String bad : List.of("example.com", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertEquals(Cidr.parse("10.1.0.0/16"), Cidr.parse("10.1.2.3/16"));
    }
}
