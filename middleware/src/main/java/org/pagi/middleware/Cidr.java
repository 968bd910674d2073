package org.pagi.middleware;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.server.IpLiteral;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a plain address is a
 * range of one. Only literal addresses are accepted ({@link IpLiteral}), so parsing never resolves a name. An IPv4-mapped IPv6
 * address ({@code ::ffff:10.1.2.3}) is the IPv4 address, so a peer reported either way matches the same range.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address} or {@code address/prefix}; host bits set below the prefix are cleared.
     *
     * @param text the range, e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}
     * @return the range
     * @throws IllegalArgumentException naming the text when it is not a literal address or the prefix is out of range
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "cidr");
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address(addressPart).orElseThrow(() ->
                new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("CIDR prefix must be 0-" + bits + " in '" + text + "'");
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /**
     * @param candidate an address as text
     * @return whether {@code candidate} is a literal address inside this range; a name or garbage is never inside
     */
    public boolean contains(String candidate) {
        return address(candidate).map(this::contains).orElse(false);
    }

    /** Compares the masked address with the network byte by byte: no copy, as this runs for every request. */
    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            if ((byte) (address[i] & (0xff << (8 - keep))) != network[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param ranges    the ranges to test
     * @param candidate an address as text
     * @return whether any of {@code ranges} contains {@code candidate}
     */
    public static boolean anyContains(Collection<Cidr> ranges, String candidate) {
        Optional<byte[]> address = address(candidate);
        if (address.isEmpty()) {
            return false;
        }
        for (Cidr range : ranges) {
            if (range.contains(address.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param text an address as text
     * @return whether it is a literal IPv4 or IPv6 address (no brackets, no zone, no port)
     */
    public static boolean isAddress(String text) {
        return address(text).isPresent();
    }

    /** @return the address bytes, 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6; empty when not a literal. */
    static Optional<byte[]> address(String text) {
        return IpLiteral.parse(text);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** @return the range in CIDR notation with host bits cleared, e.g. {@code 10.0.0.0/8} */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
