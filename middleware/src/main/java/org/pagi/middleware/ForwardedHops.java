package org.pagi.middleware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Parsers for {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For}, and the right-to-left walk that finds the
 * client: each proxy appends the address it received from, so only the hops appended by trusted proxies can be
 * believed, and the first untrusted hop from the right is the client. Malformed input fails with an
 * {@link IllegalArgumentException} naming the header; it is never half-believed.
 */
final class ForwardedHops {
    /** A hop: a literal address, or an obfuscated identifier / {@code unknown} (then {@code address} is null). */
    record Node(String address, String identifier, int port) {
        boolean trustedBy(Collection<Cidr> trusted) {
            return address != null && Cidr.anyContains(trusted, address);
        }
    }

    /** One {@code Forwarded} element; absent parameters are null. */
    record Element(Node forNode, String proto, String host) {
    }

    private ForwardedHops() {
    }

    /** @return the index of the client in {@code hops}: the first untrusted from the right, else the leftmost */
    static int clientIndex(List<Node> hops, Collection<Cidr> trusted) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!hops.get(i).trustedBy(trusted)) {
                return i;
            }
        }
        return 0;
    }

    /** Splits {@code X-Forwarded-For} (all its lines joined by commas) into nodes, left to right. */
    static List<Node> parseXForwardedFor(String value) {
        List<Node> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(node(part.strip(), "X-Forwarded-For"));
        }
        return out;
    }

    /** Parses {@code Forwarded} (all its lines joined by commas) into elements, left to right. */
    static List<Element> parseForwarded(String value) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (true) {
            Node forNode = null;
            String proto = null;
            String host = null;
            while (true) {   // pairs of one element, separated by ';'
                i = skipSpace(value, i);
                int start = i;
                while (i < n && isTokenChar(value.charAt(i))) {
                    i++;
                }
                String name = value.substring(start, i).toLowerCase(Locale.ROOT);
                if (name.isEmpty() || i >= n || value.charAt(i) != '=') {
                    throw malformed("expected name=value at offset " + start);
                }
                i++;
                String v;
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw malformed("unterminated quoted string");
                        }
                        char c = value.charAt(i++);
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\') {
                            if (i >= n) {
                                throw malformed("unterminated quoted string");
                            }
                            c = value.charAt(i++);
                        }
                        if (c < 0x20 && c != '\t' || c == 0x7f) {
                            throw malformed("control character in a quoted string");
                        }
                        sb.append(c);
                    }
                    v = sb.toString();
                } else {
                    int vs = i;
                    // ':' and brackets are allowed unquoted too: proxies commonly send for=192.0.2.1:8080 so.
                    while (i < n && (isTokenChar(value.charAt(i)) || "[]:".indexOf(value.charAt(i)) >= 0)) {
                        i++;
                    }
                    v = value.substring(vs, i);
                    if (v.isEmpty()) {
                        throw malformed("empty value for " + name);
                    }
                }
                switch (name) {
                    case "for" -> {
                        if (forNode != null) {
                            throw malformed("'for' twice in one element");
                        }
                        forNode = node(v, "Forwarded");
                    }
                    case "proto" -> {
                        if (proto != null) {
                            throw malformed("'proto' twice in one element");
                        }
                        proto = v;
                    }
                    case "host" -> {
                        if (host != null) {
                            throw malformed("'host' twice in one element");
                        }
                        host = v;
                    }
                    default -> { }   // 'by' and extensions are not used
                }
                i = skipSpace(value, i);
                if (i < n && value.charAt(i) == ';') {
                    i++;
                    continue;
                }
                break;
            }
            out.add(new Element(forNode, proto, host));
            if (i >= n) {
                return out;
            }
            if (value.charAt(i) != ',') {
                throw malformed("unexpected '" + value.charAt(i) + "' at offset " + i);
            }
            i++;
        }
    }

    /**
     * Parses a node: {@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code [2001:db8::1]:8080}, a bare IPv6 address
     * (X-Forwarded-For only), {@code unknown} or an obfuscated {@code _identifier}, each with an optional port.
     */
    static Node node(String text, String header) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(header + ": empty hop");
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(header + ": unclosed '[' in hop '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new IllegalArgumentException(header + ": unexpected text after ']' in hop '" + text + "'");
                }
                portText = rest.substring(1);
            }
            if (!host.contains(":") || !Cidr.isAddress(host)) {
                throw new IllegalArgumentException(header + ": not an IPv6 address in brackets: '" + text + "'");
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text;    // bare IPv6, as X-Forwarded-For carries it
            if (!Cidr.isAddress(host)) {
                throw new IllegalArgumentException(header + ": not an address: '" + text + "'");
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        int port = 0;
        if (portText != null) {
            if (portText.length() > 1 && portText.charAt(0) == '_' && isObfuscated(portText)) {
                port = 0;   // an obfuscated port says nothing usable
            } else if (!portText.isEmpty() && portText.length() <= 5 && portText.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(portText) <= 65535) {
                port = Integer.parseInt(portText);
            } else {
                throw new IllegalArgumentException(header + ": bad port in hop '" + text + "'");
            }
        }
        if (Cidr.isAddress(host)) {
            return new Node(host, null, port);
        }
        if (host.equalsIgnoreCase("unknown") || (host.length() > 1 && host.charAt(0) == '_' && isObfuscated(host))) {
            return new Node(null, host, port);
        }
        throw new IllegalArgumentException(header + ": not an address, 'unknown' or an _obfuscated id: '" + text + "'");
    }

    private static boolean isObfuscated(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("Forwarded: " + why);
    }
}
