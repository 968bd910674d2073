package org.pagi.protocol.http1;

/**
 * The grammar of a {@code Host} field value (RFC 9112 section 3.2: {@code uri-host [ ":" port ]}, with
 * {@code uri-host} and {@code port} from RFC 3986 sections 3.2.2 and 3.2.3). A server must answer 400 to any
 * other value; an empty value is allowed (a target without an authority). Stateless.
 */
final class HostValue {
    private HostValue() {
    }

    /** @return whether {@code value} is an empty value or {@code host [ ":" port ]} */
    static boolean isValid(String value) {
        if (value.isEmpty()) {
            return true;
        }
        int portAt;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 2 || !ipLiteral(value, 1, close)) {
                return false;
            }
            portAt = close + 1;
        } else {
            int colon = value.indexOf(':');
            portAt = colon < 0 ? value.length() : colon;
            if (!regName(value, 0, portAt)) {
                return false;
            }
        }
        if (portAt == value.length()) {
            return true;
        }
        if (value.charAt(portAt) != ':') {
            return false;
        }
        for (int i = portAt + 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** reg-name (IPv4 addresses are reg-names too): unreserved, pct-encoded or sub-delims, not empty. */
    private static boolean regName(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!unreserved(c) && "!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** IPv6address or IPvFuture between the brackets; the exact IPv6 grammar is left to the address parser. */
    private static boolean ipLiteral(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!unreserved(c) && c != ':' && "!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
