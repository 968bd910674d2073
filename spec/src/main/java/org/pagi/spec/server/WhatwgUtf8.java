package org.pagi.spec.server;

/**
 * UTF-8 to text, either replacing each maximal invalid subpart with one U+FFFD (the WHATWG Encoding Standard's
 * "UTF-8 decode without BOM", which browsers use for form and query data) or reporting the first invalid byte.
 *
 * <p>Works one sequence at a time: {@link #sequenceLength} says how long the valid sequence at a position is, or
 * how many bytes the invalid one spans, so both modes share one reading of the rules. Shared by the test client
 * (form and query decoding) and the wrappers, so that both read the same bytes as the same text.
 */
public final class WhatwgUtf8 {
    private WhatwgUtf8() {
    }

    /** Thrown by {@link #decodeStrict}: {@code index} is the first byte of the invalid sequence. */
    public static final class InvalidUtf8 extends Exception {
        private final int index;

        InvalidUtf8(int index) {
            super("invalid UTF-8 at byte " + index, null, false, false);
            this.index = index;
        }

        /** @return the index of the first byte of the invalid sequence */
        public int index() {
            return index;
        }
    }

    /** @return the text of {@code bytes}, each invalid subpart replaced by U+FFFD */
    public static String decodeReplacing(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int n = sequenceLength(bytes, i);
            if (n > 0) {
                appendSequence(out, bytes, i, n);
                i += n;
            } else {
                out.append('\uFFFD');
                i -= n;
            }
        }
        return out.toString();
    }

    /** @return the text of {@code bytes} @throws InvalidUtf8 at the first invalid sequence */
    public static String decodeStrict(byte[] bytes) throws InvalidUtf8 {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int n = sequenceLength(bytes, i);
            if (n <= 0) {
                throw new InvalidUtf8(i);
            }
            appendSequence(out, bytes, i, n);
            i += n;
        }
        return out.toString();
    }

    /**
     * @return the length (1 to 4) of the well-formed sequence starting at {@code i}, or minus the length of its
     *     maximal invalid subpart (the lead byte and the continuation bytes that were still allowed)
     */
    static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        int needed;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            needed = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            needed = 2;
            min = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            max = lead == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            needed = 3;
            min = lead == 0xF0 ? 0x90 : 0x80; // no overlong forms
            max = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            return -1;
        }
        for (int k = 1; k <= needed; k++) {
            if (i + k >= b.length) {
                return -k;
            }
            int c = b[i + k] & 0xFF;
            if (c < min || c > max) {
                return -k;
            }
            min = 0x80;
            max = 0xBF;
        }
        return needed + 1;
    }

    private static void appendSequence(StringBuilder out, byte[] b, int i, int n) {
        int cp = n == 1 ? b[i] : b[i] & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = cp << 6 | (b[i + k] & 0x3F);
        }
        out.appendCodePoint(cp);
    }
}
