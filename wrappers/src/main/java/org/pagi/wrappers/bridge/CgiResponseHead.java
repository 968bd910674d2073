package org.pagi.wrappers.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.pagi.spec.Headers;

/**
 * The header block a CGI script writes before its body (RFC 3875 section 6): lines ended by LF or CRLF up to an
 * empty line, each {@code name: value}. {@code Status} gives the status (and is not sent on); a {@code Location}
 * without a {@code Status} is a redirect, {@code 302}; otherwise {@code 200}. The connection's own fields
 * ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}) are dropped: framing is the server's.
 *
 * @param status  the response status, 200-599
 * @param headers the fields to send, names lower-cased
 */
record CgiResponseHead(int status, Headers headers) {
    private static final Set<String> SERVER_OWNED = Set.of("connection", "keep-alive", "transfer-encoding");

    /** The script's output could not be read as a CGI header block: the gateway answers 502. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Reads the header block from {@code in}, leaving it at the first body byte. Reads one byte at a time from
     * the caller's buffered stream, so nothing of the body is consumed.
     *
     * @throws MalformedException naming what was wrong: the output ended first, a line without a colon or with a
     *                            bad name or value, a folded line, a bad {@code Status}, or more than
     *                            {@code maxBytes} before the empty line
     */
    static CgiResponseHead read(InputStream in, int maxBytes) throws IOException, MalformedException {
        Headers.Builder headers = Headers.builder();
        Integer status = null;
        boolean location = false;
        int total = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new MalformedException(total == 0 ? "the script wrote nothing"
                        : "the script's output ended before the empty line that ends its header block");
            }
            if (++total > maxBytes) {
                throw new MalformedException("the script's header block is longer than " + maxBytes + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                break;
            }
            if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                throw new MalformedException("folded header line (a continuation starting with white space)");
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("header line without a name and colon: '" + printable(text) + "'");
            }
            String name = text.substring(0, colon);
            String value = text.substring(colon + 1).strip();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("status")) {
                status = status(value);
                continue;
            }
            location |= lower.equals("location");
            if (SERVER_OWNED.contains(lower)) {
                continue;
            }
            try {
                headers.add(name, value);
            } catch (IllegalArgumentException e) {
                throw new MalformedException("bad header field '" + printable(name) + "': " + e.getMessage());
            }
        }
        return new CgiResponseHead(status != null ? status : location ? 302 : 200, headers.build());
    }

    private static int status(String value) throws MalformedException {
        int end = value.indexOf(' ');
        String code = end < 0 ? value : value.substring(0, end);
        if (code.length() == 3 && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(code);
            if (n >= 200 && n <= 599) {
                return n;
            }
        }
        throw new MalformedException("Status must start with a final status code 200-599, got '"
                + printable(value) + "'");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c >= 0x7F ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? out + "..." : out.toString();
    }
}
