package org.pagi.spec.server;

import java.nio.charset.StandardCharsets;

/**
 * Escapes client-supplied text for a log line as Apache's {@code ap_escape_logitem} does, so a request can never
 * split a line or forge one: {@code "} becomes {@code \"}, {@code \} becomes {@code \\}, backspace, LF, CR, tab and
 * vertical tab become {@code \b \n \r \t \v}, and every other character outside printable ASCII becomes
 * {@code \xhh}: a character up to U+00FF (text off the wire is ISO-8859-1) as its one byte, one above it byte by
 * byte in UTF-8. Shared by the server's access log and the middleware's. Stateless; thread-safe.
 */
public final class LogEscape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogEscape() {
    }

    /**
     * @param out   where the escaped text is appended
     * @param value the text from the client
     */
    public static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (cp >= 0x20 && cp <= 0x7E) {
                        out.append((char) cp);
                    } else if (cp <= 0xFF) {
                        hex(out, cp);
                    } else {
                        for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                            hex(out, b & 0xFF);
                        }
                    }
                }
            }
        }
    }

    /**
     * @param value the text from the client
     * @return {@code value} escaped
     */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        escape(out, value);
        return out.toString();
    }

    private static void hex(StringBuilder out, int b) {
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
}
