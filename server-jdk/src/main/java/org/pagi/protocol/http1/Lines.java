package org.pagi.protocol.http1;

/** Byte-level helpers for line-based parsing. */
final class Lines {
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private Lines() {
    }

    static boolean isTokenChar(byte b) {
        return TOKEN[b & 0xFF];
    }

    /**
     * @return the end of a line's content: the index of its LF, or of the CR before it
     * @throws ProtocolException for a CR anywhere else in the line
     */
    static int contentEnd(byte[] b, int start, int lf) throws ProtocolException {
        int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        for (int i = start; i < end; i++) {
            if (b[i] == '\r') {
                throw new ProtocolException(Violation.BARE_CR, "bare CR at offset " + (i - start) + " of a line");
            }
        }
        return end;
    }

    static String lowerAscii(byte[] b, int from, int to) {
        // Bytes, not chars: a Latin-1 String is built from a byte[] without the char[] detour.
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            byte c = b[i];
            out[i - from] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }
}
