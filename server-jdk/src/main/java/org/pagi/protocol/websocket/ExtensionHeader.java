package org.pagi.protocol.websocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code Sec-WebSocket-Extensions} value (RFC 6455 section 9.1) into its extensions and their
 * parameters:
 * <pre>
 *   extension-list  = 1#extension
 *   extension       = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * A malformed element is kept and flagged rather than failing the whole value, so that a server can skip a bad
 * offer and still accept a good one after it. Stateless.
 */
final class ExtensionHeader {
    /** One parameter; {@code value} is empty when the parameter has no value (an empty value is never valid). */
    record Param(String name, String value) {
        boolean hasValue() {
            return !value.isEmpty();
        }
    }

    /** One list element: an extension name and its parameters, or a malformed element. */
    record Extension(String name, List<Param> params, boolean malformed) {
    }

    private final String s;
    private int pos;

    private ExtensionHeader(String s) {
        this.s = s;
    }

    /** @return every element of {@code value}, in order; empty elements (",,") are skipped (RFC 9110 5.6.1) */
    static List<Extension> parse(String value) {
        ExtensionHeader p = new ExtensionHeader(value);
        List<Extension> out = new ArrayList<>();
        while (true) {
            p.skipWhitespace();
            if (p.pos >= p.s.length()) {
                return out;
            }
            if (p.peek() == ',') {
                p.pos++;
                continue;
            }
            Extension e = p.element();
            if (e == null) {
                p.skipPastComma();
                out.add(new Extension("", List.of(), true));
            } else {
                out.add(e);
            }
        }
    }

    /** @return the element at pos, consuming its trailing comma; null if it is malformed */
    private Extension element() {
        String name = token();
        if (name.isEmpty()) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        skipWhitespace();
        while (peek() == ';') {
            pos++;
            skipWhitespace();
            String param = token();
            if (param.isEmpty()) {
                return null;
            }
            skipWhitespace();
            String value = "";
            if (peek() == '=') {
                pos++;
                skipWhitespace();
                value = peek() == '"' ? quoted() : token();
                // RFC 6455 section 9.1: a quoted value must still be a token once unescaped.
                if (value == null || value.isEmpty() || !isToken(value)) {
                    return null;
                }
                skipWhitespace();
            }
            params.add(new Param(param, value));
        }
        if (pos < s.length() && peek() != ',') {
            return null;
        }
        pos++;
        return new Extension(name, List.copyOf(params), false);
    }

    private String token() {
        int start = pos;
        while (pos < s.length() && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** @return the unescaped content of the quoted-string at pos, or null if it is not terminated */
    private String quoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    return null;
                }
                c = s.charAt(pos++);
            }
            sb.append(c);
        }
        return null;
    }

    /** Skips to just past the next comma that is not inside a quoted-string. */
    private void skipPastComma() {
        boolean inQuotes = false;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (inQuotes && c == '\\') {
                pos++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == ',' && !inQuotes) {
                return;
            }
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private static boolean isToken(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!isTokenChar(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** tchar, RFC 9110 section 5.6.2. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
