package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void ipv4IsFourDecimalPartsWithoutLeadingZeros() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, IpLiteral.parse("10.0.0.1").orElseThrow());
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 0}, IpLiteral.parse("255.255.0.0").orElseThrow());
        assertTrue(IpLiteral.isLiteral("0.0.0.0"));
    }

    @Test
    void ipv6FormsReadAsTheJdkReadsThem() throws Exception {
        for (String text : List.of("::1", "::", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "fe80::1:2", "1::",
                "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", "::1.2.3.4", "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:1.2.3.4", "0:0:0:0:0:0:0:1")) {
            assertArrayEquals(InetAddress.getByName(text).getAddress(), IpLiteral.parse(text).orElseThrow(), text);
        }
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertArrayEquals(new byte[] {10, 1, 2, 3}, IpLiteral.parse("::ffff:10.1.2.3").orElseThrow());
        assertArrayEquals(new byte[] {10, 1, 2, 3}, IpLiteral.parse("::ffff:a01:203").orElseThrow());
        assertEquals(16, IpLiteral.parse("::fffe:10.1.2.3").orElseThrow().length);
    }

    @Test
    void namesAndGarbageAreNotLiterals() {
        for (String bad : List.of("localhost", "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "1.2.3.4 ",
                " ::1", "[::1]", "::1%eth0", "fe80::1%1", ".:1.2.3.4", "g::1", "0x7f.0.0.1", "1.2.3.4:80",
                ":::1", "1::2::3", ":1::", "1::2:", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
                "1:2:3:4:5:6:7", "::1.2.3.04", "::1.2.3", "1.2.3.4::", "::\u0661", "::\uff11", "-1.2.3.4",
                "1:2:3:4:5:6:7:1.2.3.4", "a".repeat(46), "example.com")) {
            assertFalse(IpLiteral.isLiteral(bad), bad);
        }
        assertFalse(IpLiteral.isLiteral(null));
    }
}
