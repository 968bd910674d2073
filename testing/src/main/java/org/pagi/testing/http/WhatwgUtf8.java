package org.pagi.testing.http;

/**
 * The UTF-8 decoder of the WHATWG Encoding Standard (section 9.1.1) in replacement mode: "UTF-8 decode without
 * BOM", as the form parser of the URL Standard calls it.
 *
 * <p>The JDK's decoder also replaces bad input with U+FFFD but does not always emit the same number of them: for
 * an encoded surrogate such as {@code ED A0 80} it emits one, where WHATWG emits three. Stateless and thread-safe.
 */
final class WhatwgUtf8 {
    private WhatwgUtf8() {
    }

    /** @return {@code bytes} decoded; a leading BOM is kept as U+FEFF, errors become U+FFFD */
    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int codePoint = 0;
        int needed = 0;
        int seen = 0;
        int lower = 0x80;
        int upper = 0xBF;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The sequence so far is one error; the byte that broke it is read again as a fresh start.
                codePoint = 0;
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append('\uFFFD');
                i--;
                continue;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = codePoint << 6 | (b & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                needed = 0;
                seen = 0;
            }
        }
        if (needed != 0) {
            out.append('\uFFFD');
        }
        return out.toString();
    }
}
