package org.pagi.server.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads RFC 7239 {@code Forwarded} header lines into proxy hops, one per element, left to right.
 *
 * <p>Grammar (RFC 7239 section 4): {@code Forwarded = 1#forwarded-element}; an element is
 * {@code [pair] *(";" [pair])}; a pair is {@code token "=" (token / quoted-string)}. Whitespace is allowed around
 * {@code ,} and {@code ;}. An element that breaks the grammar, or repeats a parameter ("Each parameter MUST NOT
 * occur more than once per forwarded-element", section 4), becomes an unknown hop; an unclosed quote makes the
 * rest of its line one unknown hop. Empty elements are skipped (RFC 9110 section 5.6.1). Stateless.
 */
final class ForwardedHeader {
    private ForwardedHeader() {
    }

    /** @return the hops of every line, in order */
    static List<ProxyHeaders.Hop> hops(List<String> lines) {
        List<ProxyHeaders.Hop> hops = new ArrayList<>();
        for (String line : lines) {
            new Scanner(line).elements(hops);
        }
        return hops;
    }

    /** Walks one header line. Not thread-safe; one per call. */
    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        void elements(List<ProxyHeaders.Hop> out) {
            while (true) {
                Optional<Map<String, String>> element = element();
                element.filter(m -> !m.isEmpty()).ifPresent(m -> out.add(
                        ProxyHeaders.hop(Optional.ofNullable(m.get("for")), Optional.ofNullable(m.get("proto")))));
                if (element.isEmpty()) {
                    out.add(ProxyHeaders.Hop.UNKNOWN);
                    skipToNextElement();
                }
                if (i >= s.length()) {
                    return;
                }
                i++; // the comma
            }
        }

        /** @return the element's parameters (empty for an empty element), or empty when it is malformed */
        private Optional<Map<String, String>> element() {
            Map<String, String> params = new HashMap<>();
            while (true) {
                skipWhitespace();
                if (i >= s.length() || s.charAt(i) == ',') {
                    return Optional.of(params);
                }
                if (s.charAt(i) == ';') {
                    i++;
                    continue;
                }
                String name = token().toLowerCase(Locale.ROOT);
                if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                    return Optional.empty();
                }
                i++;
                Optional<String> value = i < s.length() && s.charAt(i) == '"' ? quoted() : Optional.of(token())
                        .filter(t -> !t.isEmpty());
                if (value.isEmpty() || params.putIfAbsent(name, value.get()) != null) {
                    return Optional.empty();
                }
                skipWhitespace();
                if (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != ',') {
                    return Optional.empty();
                }
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        /** Reads a quoted-string at {@code i} (the opening quote); empty, with {@code i} at the end, if unclosed. */
        private Optional<String> quoted() {
            StringBuilder value = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return Optional.of(value.toString());
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    c = s.charAt(i++);
                }
                value.append(c);
            }
            i = s.length();
            return Optional.empty();
        }

        /** Moves to the next comma outside quotes, or to the end. */
        private void skipToNextElement() {
            boolean inQuotes = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (inQuotes && c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == ',' && !inQuotes) {
                    return;
                }
                i++;
            }
            i = s.length();
        }

        private void skipWhitespace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
