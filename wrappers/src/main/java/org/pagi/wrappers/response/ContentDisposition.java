package org.pagi.wrappers.response;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code Content-Disposition} values (RFC 6266) with a file name that cannot break the header or name a path.
 *
 * <p>The name is first reduced to its last path segment (after the last {@code /} or {@code \}), then control
 * characters (CR, LF, NUL and the rest) are dropped. The quoted {@code filename} parameter keeps printable ASCII
 * only: {@code "} becomes {@code _}, and so does each non-ASCII character. When the name had non-ASCII
 * characters, {@code filename*=UTF-8''...} (RFC 8187) carries it exactly, percent-encoded; clients that know it
 * prefer it. A name that is empty after cleaning is left out.
 */
public final class ContentDisposition {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {
    }

    /** @return {@code inline} with {@code filename} (see the class comment for how it is cleaned) */
    public static String inline(String filename) {
        return of("inline", filename);
    }

    /** @return {@code attachment} with {@code filename}: browsers save the body rather than show it */
    public static String attachment(String filename) {
        return of("attachment", filename);
    }

    private static String of(String type, String filename) {
        String name = clean(Objects.requireNonNull(filename, "filename"));
        if (name.isEmpty()) {
            return type;
        }
        StringBuilder ascii = new StringBuilder(name.length());
        boolean nonAscii = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e) {
                nonAscii = true;
                ascii.append('_');
                if (Character.isHighSurrogate(c) && i + 1 < name.length()) {
                    i++;   // one replacement per code point
                }
            } else {
                ascii.append(c == '"' ? '_' : c);   // a backslash cannot remain: it is a path separator
            }
        }
        String value = type + "; filename=\"" + ascii + "\"";
        return nonAscii ? value + "; filename*=UTF-8''" + percentEncode(name) : value;
    }

    /** The last path segment without control characters. */
    private static String clean(String filename) {
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        StringBuilder out = new StringBuilder();
        filename.substring(slash + 1).codePoints()
                .filter(cp -> !Character.isISOControl(cp))
                .forEach(out::appendCodePoint);
        String name = out.toString().strip();
        return name.equals(".") || name.equals("..") ? "" : name;
    }

    /** RFC 8187 value-chars: attr-char stays, every other UTF-8 byte is %XX. */
    private static String percentEncode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
