package org.pagi.testing.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578 over the framing of RFC 2046 section 5.1.1) into its parts,
 * so tests can check what a {@link Multipart} or an application produced.
 *
 * <p>It is a strict test helper, not a streaming server parser: it holds the whole body, allows a preamble and an
 * epilogue, and throws {@link IllegalArgumentException} naming the broken rule for a content type without a
 * boundary, a missing opening or closing delimiter, a header block without its blank line, and a part without a
 * {@code form-data} Content-Disposition carrying a name. Names and filenames are read as UTF-8 (ISO-8859-1 if that
 * fails) and the browser escapes {@code %22}, {@code %0D} and {@code %0A} are undone, so a name that literally
 * holds {@code %22} comes back as a quote. Backslashes in quoted parameters are kept, as browsers send Windows
 * paths unescaped. Stateless and thread-safe.
 */
public final class MultipartParser {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};
    private static final byte[] DASHES = {'-', '-'};

    private MultipartParser() {
    }

    /**
     * One part of a multipart body.
     *
     * @param name        the field name from Content-Disposition, unescaped
     * @param filename    the filename, present for file parts
     * @param contentType the part's Content-Type value, if it has one
     * @param headers     every header of the part, in order
     * @param content     the part's content, byte-exact
     */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, Headers headers,
                       Bytes content) {
        /** Rejects nulls. */
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * @param contentType the {@code Content-Type} of the body, with its {@code boundary} parameter
     * @return the parts in order
     * @throws IllegalArgumentException if the content type or the body is malformed, with a message naming how
     */
    public static List<Part> parse(String contentType, Bytes body) {
        String boundary = boundaryOf(contentType);
        byte[] data = body.toByteArray();
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos;
        if (startsWith(data, dashBoundary, 0)) {
            pos = dashBoundary.length;
        } else {
            int first = indexOf(data, delimiter, 0); // RFC 2046: a preamble may come first
            if (first < 0) {
                throw new IllegalArgumentException("multipart body has no opening delimiter --" + boundary);
            }
            pos = first + delimiter.length;
        }
        List<Part> parts = new ArrayList<>();
        while (!startsWith(data, DASHES, pos)) {
            while (pos < data.length && (data[pos] == ' ' || data[pos] == '\t')) {
                pos++; // RFC 2046 transport-padding
            }
            if (pos >= data.length) {
                throw missingClose(boundary);
            }
            if (!startsWith(data, CRLF, pos)) {
                throw new IllegalArgumentException(
                        "delimiter before part " + parts.size() + " is not followed by CRLF");
            }
            pos += CRLF.length;
            int next = indexOf(data, delimiter, pos);
            if (next < 0) {
                throw missingClose(boundary);
            }
            parts.add(part(data, pos, next, parts.size()));
            pos = next + delimiter.length;
        }
        return List.copyOf(parts);
    }

    private static IllegalArgumentException missingClose(String boundary) {
        return new IllegalArgumentException("multipart body is missing its closing delimiter --" + boundary + "--");
    }

    private static Part part(byte[] data, int from, int to, int index) {
        int headerEnd;
        int contentStart;
        if (startsWith(data, CRLF, from)) {
            headerEnd = from;
            contentStart = from + CRLF.length;
        } else {
            headerEnd = indexOf(data, BLANK_LINE, from);
            if (headerEnd < 0 || headerEnd + BLANK_LINE.length > to) {
                throw new IllegalArgumentException("part " + index + " has no blank line after its headers");
            }
            contentStart = headerEnd + BLANK_LINE.length;
        }
        Headers headers = headers(data, from, headerEnd, index);
        String disposition = text(headers.firstBytes("content-disposition").orElseThrow(
                () -> new IllegalArgumentException("part " + index + " has no Content-Disposition header")));
        Map<String, String> params = new HashMap<>();
        String type = parameters(disposition, params);
        if (!type.equalsIgnoreCase("form-data")) {
            throw new IllegalArgumentException(
                    "part " + index + " Content-Disposition is not form-data (RFC 7578 section 4.2)");
        }
        String name = Optional.ofNullable(params.get("name")).orElseThrow(
                () -> new IllegalArgumentException("part " + index + " Content-Disposition has no name parameter"));
        Optional<String> filename = Optional.ofNullable(params.get("filename")).map(MultipartParser::unescape);
        Optional<String> contentType = headers.first("content-type").map(String::strip);
        Bytes content = Bytes.of(data, contentStart, to - contentStart);
        return new Part(unescape(name), filename, contentType, headers, content);
    }

    private static Headers headers(byte[] data, int from, int to, int index) {
        Headers.Builder out = Headers.builder();
        int line = from;
        while (line < to) {
            int end = indexOf(data, CRLF, line);
            if (end < 0 || end > to) {
                end = to;
            }
            int colon = line;
            while (colon < end && data[colon] != ':') {
                colon++;
            }
            if (colon == line || colon == end) {
                throw new IllegalArgumentException("part " + index + " has a header line without a name and ':'");
            }
            String name = new String(data, line, colon - line, StandardCharsets.ISO_8859_1).strip();
            int v = colon + 1;
            int w = end;
            while (v < w && (data[v] == ' ' || data[v] == '\t')) {
                v++;
            }
            while (w > v && (data[w - 1] == ' ' || data[w - 1] == '\t')) {
                w--;
            }
            out.add(new Header(name, Bytes.of(data, v, w - v)));
            line = end + CRLF.length;
        }
        return out.build();
    }

    /** Splits {@code type; a=b; c="d"} into its type, returned, and lower-cased parameter names; first one wins. */
    private static String parameters(String value, Map<String, String> params) {
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).strip();
        int pos = semi < 0 ? value.length() : semi + 1;
        while (pos < value.length()) {
            int eq = pos;
            while (eq < value.length() && value.charAt(eq) != '=' && value.charAt(eq) != ';') {
                eq++;
            }
            String name = value.substring(pos, eq).strip().toLowerCase(Locale.ROOT);
            if (eq >= value.length() || value.charAt(eq) == ';') {
                pos = eq + 1; // a parameter without a value carries nothing
                continue;
            }
            int start = eq + 1;
            while (start < value.length() && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
                start++;
            }
            String v;
            if (start < value.length() && value.charAt(start) == '"') {
                int close = value.indexOf('"', start + 1);
                int end = close < 0 ? value.length() : close;
                v = value.substring(start + 1, end);
                int next = value.indexOf(';', end);
                pos = next < 0 ? value.length() : next + 1;
            } else {
                int next = value.indexOf(';', start);
                int end = next < 0 ? value.length() : next;
                v = value.substring(start, end).strip();
                pos = end + 1;
            }
            params.putIfAbsent(name, v);
        }
        return type;
    }

    private static String boundaryOf(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        Map<String, String> params = new HashMap<>();
        String type = parameters(contentType, params);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new IllegalArgumentException("content type is not multipart/*");
        }
        String boundary = params.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart content type has no boundary parameter");
        }
        return boundary;
    }

    private static String text(Bytes value) {
        return value.isValidUtf8() ? value.utf8() : value.latin1();
    }

    /** Undoes the HTML Standard's escaping of '"', CR and LF in one pass, so "%2522" stays "%2522". */
    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            String three = s.startsWith("%", i) && i + 3 <= s.length() ? s.substring(i, i + 3) : "";
            switch (three) {
                case "%22" -> out.append('"');
                case "%0D" -> out.append('\r');
                case "%0A" -> out.append('\n');
                default -> {
                    out.append(s.charAt(i));
                    continue;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    static boolean startsWith(byte[] data, byte[] prefix, int at) {
        if (at < 0 || at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the first index at or after {@code from} where {@code needle} starts, or -1 */
    static int indexOf(byte[] data, byte[] needle, int from) {
        for (int i = Math.max(0, from); i + needle.length <= data.length; i++) {
            if (startsWith(data, needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
