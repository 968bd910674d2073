package org.pagi.spec.server;

import org.pagi.spec.Bytes;

/**
 * A request target split into raw path and query (RFC 9112 section 3.2).
 *
 * @param rawPath  the path bytes as sent ({@code *} for the asterisk form)
 * @param query    the bytes after the first {@code ?}; empty if none
 * @param asterisk whether this is the {@code *} of a server-wide {@code OPTIONS}
 */
record RequestTarget(Bytes rawPath, Bytes query, boolean asterisk) {

    static RequestTarget parse(String method, Bytes target) {
        int n = target.length();
        if (n == 0) {
            throw new InvalidRequestException(400, "empty request target");
        }
        for (int i = 0; i < n; i++) {
            int b = target.byteAt(i) & 0xFF;
            if (b <= 0x20 || b >= 0x7F) {
                throw new InvalidRequestException(400,
                        "request target has byte 0x%02X at offset %d; only visible ASCII is allowed (RFC 3986)"
                                .formatted(b, i));
            }
            if (b == '#') {
                throw new InvalidRequestException(400,
                        "request target has a fragment ('#' at offset " + i + "); fragments are never sent");
            }
        }
        if (method.equals("CONNECT")) {
            throw new InvalidRequestException(501, "CONNECT (authority-form targets) is not supported");
        }
        byte first = target.byteAt(0);
        if (first == '*' && n == 1) {
            if (!method.equals("OPTIONS")) {
                throw new InvalidRequestException(400, "the '*' target is only valid for OPTIONS");
            }
            return new RequestTarget(target, Bytes.empty(), true);
        }
        if (first == '/') {
            return split(target, 0);
        }
        String lower = target.slice(0, Math.min(n, 8)).latin1().toLowerCase(java.util.Locale.ROOT);
        int authorityStart = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (authorityStart < 0) {
            throw new InvalidRequestException(400,
                    "request target must start with '/', 'http://' or 'https://', or be '*'");
        }
        int pathStart = authorityStart;
        while (pathStart < n && target.byteAt(pathStart) != '/' && target.byteAt(pathStart) != '?') {
            pathStart++;
        }
        if (pathStart == authorityStart) {
            throw new InvalidRequestException(400, "absolute-form request target has no host");
        }
        if (pathStart == n || target.byteAt(pathStart) == '?') {
            // RFC 9112 3.2.2: an empty path in absolute form means "/".
            RequestTarget rest = split(target, pathStart);
            return new RequestTarget(Bytes.ascii("/"), rest.query(), false);
        }
        return split(target, pathStart);
    }

    private static RequestTarget split(Bytes target, int from) {
        int n = target.length();
        for (int i = from; i < n; i++) {
            if (target.byteAt(i) == '?') {
                return new RequestTarget(target.slice(from, i), target.slice(i + 1, n), false);
            }
        }
        return new RequestTarget(target.slice(from, n), Bytes.empty(), false);
    }
}
