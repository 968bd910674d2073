package org.pagi.server.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads IP address literals, and only literals: {@link InetAddress#getByName} would look a host name up in DNS,
 * which a header value or a config entry must never cause. Stateless; thread-safe.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * @param text an IPv4 literal ({@code 10.0.0.1}) or an IPv6 one without brackets or zone ({@code ::1})
     * @return the address, or empty when {@code text} is anything else
     */
    static Optional<InetAddress> parse(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return ipv4(text).flatMap(IpLiteral::address);
    }

    private static Optional<InetAddress> ipv6(String text) {
        // The JDK treats text that starts with a hex digit or ':' and holds a ':' as an IPv6 literal and never asks
        // DNS (InetAddress.getAllByName). So: that first character, then only hex digits, colons and dots (an
        // embedded IPv4 tail). Zones ("%eth0") and brackets are refused here.
        if (!isHex(text.charAt(0)) && text.charAt(0) != ':') {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ':' || c == '.' || isHex(c))) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Four decimal parts 0-255 without leading zeros, which some parsers read as octal. */
    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return Optional.of(bytes);
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes is always a valid address length", e);
        }
    }
}
