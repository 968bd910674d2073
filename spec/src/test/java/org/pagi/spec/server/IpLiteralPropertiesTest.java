package org.pagi.spec.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any address the JDK prints, in either family, reads back as the JDK's own bytes. */
class IpLiteralPropertiesTest {

    @Property
    void anyIpv6AddressTheJdkPrintsReadsBack(@ForAll @Size(16) byte[] bytes, @ForAll boolean zeroRun)
            throws UnknownHostException {
        if (zeroRun) {
            Arrays.fill(bytes, 4, 10, (byte) 0);   // so the compressed "::" form comes up often
        }
        InetAddress address = InetAddress.getByAddress(bytes);
        String text = address.getHostAddress();
        assertArrayEquals(address.getAddress(), IpLiteral.parse(text).orElseThrow(), text);
        String compressed = text.replaceFirst("(^|:)(0:)+0?(:|$)", "::");
        assertArrayEquals(address.getAddress(), IpLiteral.parse(compressed).orElseThrow(), compressed);
    }

    @Property
    void anyIpv4AddressReadsBack(@ForAll @Size(4) byte[] bytes) throws UnknownHostException {
        String text = InetAddress.getByAddress(bytes).getHostAddress();
        assertEquals(4, IpLiteral.parse(text).orElseThrow().length);
        assertArrayEquals(bytes, IpLiteral.parse(text).orElseThrow(), text);
    }
}
