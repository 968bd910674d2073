package org.pagi.server.run;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The peers whose proxy headers the server believes ({@code --forwarded-allow-ips}): single addresses
 * ({@code 127.0.0.1}, {@code ::1}), CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}), or {@code *} for every
 * peer. Entries are IP literals only; a host name is refused rather than looked up.
 *
 * <p>An IPv4 range matches IPv4 peers only and an IPv6 range IPv6 peers only, except that IPv4-mapped IPv6 text
 * ({@code ::ffff:10.0.0.1}, {@code ::ffff:10.0.0.0/104}) is read as the IPv4 address or range it maps, as the JDK
 * reports such peers as IPv4. A range with host bits set ({@code 10.0.0.1/8}) is refused as a likely typo.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(false, List.of());

    /** One range: the network's bytes (4 or 16) and how many leading bits must match. */
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final boolean all;
    private final List<Range> ranges;

    private TrustedProxies(boolean all, List<Range> ranges) {
        this.all = all;
        this.ranges = List.copyOf(ranges);
    }

    /** @return the set that trusts no peer */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param entries IP literals, CIDR ranges, or {@code *}; surrounding whitespace is ignored
     * @return the set they describe
     * @throws IllegalArgumentException naming the first entry that is none of those
     */
    public static TrustedProxies parse(List<String> entries) {
        boolean all = false;
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = Objects.requireNonNull(raw, "entry").strip();
            if (entry.equals("*")) {
                all = true;
            } else {
                ranges.add(range(entry));
            }
        }
        return new TrustedProxies(all, ranges);
    }

    /** @return whether proxy headers from {@code peer} are believed */
    public boolean trusts(InetAddress peer) {
        if (all) {
            return true;
        }
        byte[] address = peer.getAddress();
        for (Range r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether every peer is trusted ({@code *}) */
    public boolean trustsAll() {
        return all;
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressText).orElseThrow(() -> bad(entry,
                "is not an IP address, a CIDR range or *"));
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        if (slash < 0) {
            return new Range(bytes, bits);
        }
        String prefixText = entry.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 3
                || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(entry, "has a bad prefix length '" + prefixText + "'");
        }
        int prefix = Integer.parseInt(prefixText);
        if (address instanceof Inet4Address && addressText.indexOf(':') >= 0) {
            // ::ffff:a.b.c.d/n: the JDK hands back the IPv4 address, so the prefix counts from the mapped part.
            if (prefix < 96) {
                throw bad(entry, "is an IPv4-mapped range wider than /96");
            }
            prefix -= 96;
        }
        if (prefix > bits) {
            throw bad(entry, "has a prefix longer than /" + bits);
        }
        Range r = new Range(bytes, prefix);
        Optional<String> hostBits = hostBitsSet(r);
        if (hostBits.isPresent()) {
            throw bad(entry, "has host bits set; did you mean " + hostBits.get() + "/" + prefixText + "?");
        }
        return r;
    }

    /** @return the network address with the host bits cleared, when {@code r} has any set */
    private static Optional<String> hostBitsSet(Range r) {
        byte[] masked = r.network().clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, r.prefix() - i * 8));
            masked[i] &= (byte) ((0xFF << (8 - keep)) & 0xFF);
        }
        if (Arrays.equals(masked, r.network())) {
            return Optional.empty();
        }
        return Optional.of(addressText(masked));
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("trusted proxy entry '" + entry + "' " + why);
    }

    @Override
    public String toString() {
        return all ? "TrustedProxies[*]" : "TrustedProxies" + ranges.stream()
                .map(r -> addressText(r.network()) + "/" + r.prefix()).toList();
    }

    private static String addressText(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError("the length of a valid address", e);
        }
    }
}
