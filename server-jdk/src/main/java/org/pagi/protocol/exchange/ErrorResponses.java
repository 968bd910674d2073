package org.pagi.protocol.exchange;

import java.nio.charset.StandardCharsets;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.spec.Headers;

/**
 * The complete responses the server sends on its own (a 400 for a malformed request, the 500 backstop, ...):
 * a short {@code text/plain} body and {@code connection: close}, since after such an error the connection's
 * framing cannot be trusted.
 */
final class ErrorResponses {
    private ErrorResponses() {
    }

    /** @return the body length of a response made by {@link #of}: the bytes after its head */
    static long bodyLength(byte[] response) {
        for (int i = 3; i < response.length; i++) {
            if (response[i] == '\n' && response[i - 1] == '\r' && response[i - 2] == '\n' && response[i - 3] == '\r') {
                return response.length - (i + 1);
            }
        }
        throw new IllegalArgumentException("not a response made by ErrorResponses: no end of head");
    }

    /** @param detail why, in words safe to show a client: never raw input */
    static byte[] of(int status, String reason, String detail, String date, String serverHeader) {
        return of(status, reason, detail, Headers.empty(), date, serverHeader);
    }

    /** @param extra headers the rule requires, such as {@code allow} for a 405 or {@code sec-websocket-version} */
    static byte[] of(int status, String reason, String detail, Headers extra, String date, String serverHeader) {
        byte[] body = (status + " " + reason + (detail.isEmpty() ? "" : ": " + detail) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Headers.Builder h = Headers.builder()
                .add("content-type", "text/plain; charset=utf-8")
                .add("content-length", Integer.toString(body.length))
                .add("connection", "close")
                .add("date", date);
        for (org.pagi.spec.Header x : extra) {
            h.add(x.name(), x.value());
        }
        if (!serverHeader.isEmpty()) {
            h.add("server", serverHeader);
        }
        byte[] head = Http1Writer.responseHead(status, h.build());
        byte[] out = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
