package org.pagi.wrappers.response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses a {@code multipart/byteranges} body strictly (CRLF lines, exact delimiters), for the tests' checks. */
record ByteRangeParts(String boundary, List<Part> parts) {

    /** One part: its header fields (lower-case names) and its bytes. */
    record Part(Map<String, String> headers, byte[] body) {
        long first() {
            return Long.parseLong(range()[0]);
        }

        long last() {
            return Long.parseLong(range()[1]);
        }

        private String[] range() {
            String cr = headers.get("content-range");   // bytes a-b/len
            return cr.substring("bytes ".length(), cr.indexOf('/')).split("-");
        }
    }

    static ByteRangeParts parse(String contentType, byte[] body) {
        String prefix = "multipart/byteranges; boundary=";
        if (!contentType.startsWith(prefix)) {
            throw new AssertionError("not multipart/byteranges: " + contentType);
        }
        String boundary = contentType.substring(prefix.length());
        String text = new String(body, StandardCharsets.ISO_8859_1);   // one char per byte, offsets stay byte offsets
        String closing = "\r\n--" + boundary + "--\r\n";
        if (!text.endsWith(closing)) {
            throw new AssertionError("no closing delimiter");
        }
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        String first = "--" + boundary + "\r\n";
        if (!text.startsWith(first)) {
            throw new AssertionError("does not start with the first delimiter");
        }
        pos = first.length();
        int end = text.length() - closing.length();
        while (true) {
            int headEnd = text.indexOf("\r\n\r\n", pos);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(pos, headEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
            }
            int bodyStart = headEnd + 4;
            String cr = headers.get("content-range");
            String[] ends = cr.substring("bytes ".length(), cr.indexOf('/')).split("-");
            int bodyEnd = bodyStart + (int) (Long.parseLong(ends[1]) - Long.parseLong(ends[0]) + 1);
            parts.add(new Part(headers, java.util.Arrays.copyOfRange(body, bodyStart, bodyEnd)));
            if (bodyEnd == end) {
                return new ByteRangeParts(boundary, parts);
            }
            if (!text.startsWith("\r\n--" + boundary + "\r\n", bodyEnd)) {
                throw new AssertionError("part " + parts.size() + " is not followed by a delimiter");
            }
            pos = bodyEnd + ("\r\n--" + boundary + "\r\n").length();
        }
    }
}
