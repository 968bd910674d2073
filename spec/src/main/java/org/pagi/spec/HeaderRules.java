package org.pagi.spec;

/** The byte rules for header names and values, in one place (RFC 9110 sections 5.1 and 5.5). */
final class HeaderRules {
    private HeaderRules() {
    }

    /** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static String checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isTokenChar(c)) {
                throw new IllegalArgumentException(
                        "header name has an invalid character 0x%02X at index %d (RFC 9110 section 5.1 allows token characters only)"
                                .formatted((int) c, i));
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper ? toLowerAscii(name) : name;
    }

    static void checkValue(String name, Bytes value) {
        for (int i = 0; i < value.length(); i++) {
            int b = value.byteAt(i) & 0xFF;
            if (b == '\r' || b == '\n' || b == 0) {
                throw new IllegalArgumentException(
                        "value of header '%s' has forbidden byte 0x%02X at offset %d (CR, LF and NUL would split the message)"
                                .formatted(name, b, i));
            }
        }
    }

    static String toLowerAscii(String s) {
        int first = 0;
        while (first < s.length() && (s.charAt(first) < 'A' || s.charAt(first) > 'Z')) {
            first++;
        }
        if (first == s.length()) {
            return s; // already lower case: every header look-up with a literal name takes this path
        }
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + 32);
            }
        }
        return new String(out);
    }
}
