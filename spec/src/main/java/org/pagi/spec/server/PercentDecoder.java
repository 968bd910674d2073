package org.pagi.spec.server;

import java.io.ByteArrayOutputStream;
import org.pagi.spec.Bytes;

/**
 * Percent-decoding of request paths and query components (RFC 3986 section 2.1), and the spec's UTF-8 rule for
 * {@code path}: decode UTF-8, and where the bytes are not valid UTF-8 fall back to the percent-decoded bytes
 * one char per byte (ISO-8859-1) rather than replacing or rejecting anything.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code %XX} escapes. A {@code %} not followed by two hex digits is kept as it is (as browsers and
     * most servers do), so decoding never fails.
     *
     * @param plusIsSpace whether {@code +} means a space (form-encoded query components)
     */
    public static byte[] decode(Bytes encoded, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        int n = encoded.length();
        for (int i = 0; i < n; i++) {
            int b = encoded.byteAt(i) & 0xFF;
            if (b == '%' && i + 2 < n) {
                int hi = Character.digit(encoded.byteAt(i + 1), 16);
                int lo = Character.digit(encoded.byteAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(plusIsSpace && b == '+' ? ' ' : b);
        }
        return out.toByteArray();
    }

    /** @return the scope {@code path} for raw path bytes: percent-decoded, then UTF-8 or the byte fallback */
    public static String decodePath(Bytes rawPath) {
        if (isPlainAscii(rawPath)) {
            return rawPath.latin1(); // no escapes, no bytes above 0x7F: the text is the bytes
        }
        return text(Bytes.of(decode(rawPath, false)));
    }

    private static boolean isPlainAscii(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            byte c = b.byteAt(i);
            if (c < 0 || c == '%') {
                return false;
            }
        }
        return true;
    }

    /** @return UTF-8 text of {@code bytes}, or one char per byte when they are not valid UTF-8 */
    public static String text(Bytes bytes) {
        return bytes.isValidUtf8() ? bytes.utf8() : bytes.latin1();
    }
}
