package org.pagi.server.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals as {@link InetAddress}es, read by the spec's {@link org.pagi.spec.server.IpLiteral} (shared
 * with the middleware's CIDR ranges), which never resolves a name: {@link InetAddress#getByName} would look a host
 * name up in DNS, which a header value or a config entry must never cause. Stateless; thread-safe.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * @param text an IPv4 literal ({@code 10.0.0.1}) or an IPv6 one without brackets or zone ({@code ::1})
     * @return the address, or empty when {@code text} is anything else
     */
    static Optional<InetAddress> parse(String text) {
        return org.pagi.spec.server.IpLiteral.parse(text).map(IpLiteral::address);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes is always a valid address length", e);
        }
    }
}
