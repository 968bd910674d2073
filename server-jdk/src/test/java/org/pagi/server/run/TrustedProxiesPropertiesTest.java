package org.pagi.server.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** CIDR matching against a plain big-integer model: same top {@code prefix} bits, same answer. */
class TrustedProxiesPropertiesTest {

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(b -> !isMappedOrCompatibleV4(b));
    }

    @Property(tries = 1000)
    void ipv4RangesMatchExactlyTheAddressesSharingThePrefix(@ForAll("ipv4") byte[] network,
            @ForAll("ipv4") byte[] peer, @ForAll @IntRange(max = 32) int prefix) {
        check(network, peer, prefix);
    }

    @Property(tries = 1000)
    void ipv6RangesMatchExactlyTheAddressesSharingThePrefix(@ForAll("ipv6") byte[] network,
            @ForAll("ipv6") byte[] peer, @ForAll @IntRange(max = 128) int prefix) {
        check(network, peer, prefix);
    }

    @Property(tries = 300)
    void aRangeAlwaysContainsItsOwnNetwork(@ForAll("ipv6") byte[] network, @ForAll @IntRange(max = 128) int prefix) {
        check(network, network, prefix);
    }

    private static void check(byte[] address, byte[] peer, int prefix) {
        byte[] network = masked(address, prefix);
        String entry = text(network) + "/" + prefix;
        boolean model = top(network, prefix).equals(top(peer, prefix));
        assertEquals(model, TrustedProxies.parse(List.of(entry)).trusts(inet(peer)), entry + " vs " + text(peer));
    }

    private static BigInteger top(byte[] b, int prefix) {
        return new BigInteger(1, b).shiftRight(b.length * 8 - prefix);
    }

    private static byte[] masked(byte[] b, int prefix) {
        BigInteger all = BigInteger.ONE.shiftLeft(b.length * 8).subtract(BigInteger.ONE);
        BigInteger mask = all.xor(BigInteger.ONE.shiftLeft(b.length * 8 - prefix).subtract(BigInteger.ONE));
        byte[] raw = new BigInteger(1, b).and(mask).toByteArray();
        byte[] out = new byte[b.length];
        int copy = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - copy, out, b.length - copy, copy);
        return out;
    }

    /** The JDK turns {@code ::ffff:a.b.c.d} into an IPv4 address, which an IPv6 model would not expect. */
    private static boolean isMappedOrCompatibleV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    private static InetAddress inet(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(byte[] b) {
        return inet(b).getHostAddress();
    }
}
