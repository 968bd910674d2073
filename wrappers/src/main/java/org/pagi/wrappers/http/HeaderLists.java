package org.pagi.wrappers.http;

import java.util.ArrayList;
import java.util.List;

/** Splits header field values on a separator that is not inside a quoted string (RFC 9110 section 5.6). */
final class HeaderLists {
    private HeaderLists() {
    }

    /** @return the pieces of {@code text} between unquoted {@code separator}s, untrimmed; a backslash escapes in quotes */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /** @return whether {@code s} is a non-empty HTTP token (RFC 9110 section 5.6.2) */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
