package org.pagi.spec.server;

import java.util.Optional;

/**
 * Reads IP address literals, and only literals, from text that came off the wire or from configuration (a
 * {@code Forwarded} hop, a trusted-proxy entry, a CIDR range). Nothing here resolves a name: the parsing is done
 * by hand, so no text can make it ask DNS, as {@code InetAddress.getByName} would for anything that is not a
 * literal. Shared by the server (trusted proxies, forwarding headers) and the middleware ({@code Cidr}).
 * Stateless; thread-safe.
 *
 * <p>Accepted: IPv4 as four decimal parts 0-255 without leading zeros (some parsers read {@code 010} as octal, so
 * the same text would name another host); IPv6 as RFC 4291 text (hex groups of 1-4 digits, at most one
 * {@code ::}, an optional dotted IPv4 tail). Refused: brackets, zones ({@code %eth0}), ports, surrounding
 * whitespace, and anything else.
 */
public final class IpLiteral {
    /** The longest IPv6 literal, {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    private static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    /**
     * @param text an IPv4 literal ({@code 10.0.0.1}) or an IPv6 one without brackets or zone ({@code ::1})
     * @return the address bytes: 4 for IPv4 and for an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3} is
     *         {@code 10.1.2.3}, as the JDK reads it), 16 for other IPv6; empty when {@code text} is anything else
     */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return text.indexOf(':') < 0 ? ipv4(text) : ipv6(text).map(IpLiteral::unmapped);
    }

    /**
     * @param text any text
     * @return whether it is a literal {@link #parse} accepts
     */
    public static boolean isLiteral(String text) {
        return parse(text).isPresent();
    }

    /** Dotted decimal, four parts of 0-255 without leading zeros; one pass, as it runs for every proxied request. */
    private static Optional<byte[]> ipv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return Optional.empty();
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return Optional.empty(); // a leading zero: octal to some parsers, refused
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(out) : Optional.empty();
    }

    private static Optional<byte[]> ipv6(String text) {
        String hex = text;
        byte[] tail = null;
        if (text.indexOf('.') >= 0) {   // an IPv4 tail stands for the last two groups
            int colon = text.lastIndexOf(':');
            tail = ipv4(text.substring(colon + 1)).orElse(null);
            if (tail == null) {
                return Optional.empty();
            }
            hex = text.substring(0, colon + 1) + "0:0";
        }
        int gap = hex.indexOf("::");
        if (gap >= 0 && hex.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();   // two gaps, or ":::"
        }
        int[] left = groups(gap < 0 ? hex : hex.substring(0, gap));
        int[] right = gap < 0 ? new int[0] : groups(hex.substring(gap + 2));
        if (left == null || right == null || (gap < 0 ? left.length != 8 : left.length + right.length > 7)) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        for (int i = 0; i < left.length; i++) {
            put(out, i, left[i]);
        }
        for (int i = 0; i < right.length; i++) {
            put(out, 8 - right.length + i, right[i]);
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return Optional.of(out);
    }

    /** @return the colon-separated groups of 1-4 hex digits ({@code ""} is none), or null when one is not */
    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 8) {
            return null;
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0 || p.charAt(j) > 'f') {   // Character.digit also takes non-ASCII digits
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[group * 2] = (byte) (value >> 8);
        out[group * 2 + 1] = (byte) value;
    }

    /** An IPv4-mapped address ({@code ::ffff:0:0/96}) is its IPv4 address. */
    private static byte[] unmapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return v6;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }
}
