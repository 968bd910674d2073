package org.pagi.protocol.sse;

import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.event.SseComment;
import org.pagi.spec.event.SseKeepalive;
import org.pagi.spec.event.SseSend;

/**
 * Encodes {@code sse.*} events as event-stream bytes (WHATWG HTML 9.2.5), UTF-8 with LF line endings, following
 * the framing of {@code spec/docs/www.md}, "Server-Sent Events". It frames nothing at the HTTP level: chunking,
 * {@code date} and {@code connection} are the exchange's. Stateless and thread-safe.
 *
 * <p>The wire choices, each round-tripped by {@link SseDecoder}:
 * <ul>
 *   <li>Every field is written {@code name: value}, with one space. The parser drops exactly one space after the
 *       colon (9.2.6), so a value that itself starts with a space, or is empty, comes back unchanged.</li>
 *   <li>An event is {@code event:} (when named), one {@code data:} line per line of the data, {@code id:} (when
 *       present, even empty: that resets the client's last event ID), {@code retry:} (when present), then a blank
 *       line. The data is split at CRLF, CR and LF, so the client reads it back with each break as LF. Empty data
 *       is one {@code data: } line, so the event still fires: a browser fires nothing for a block without data.
 *       An empty event name is left out; the client reads both as {@code message}.</li>
 *   <li>A comment is {@code :} before each line that does not already start with one, then a blank line
 *       ({@code www.md}, "Comments"). The empty comment of a default keepalive is a bare {@code :}.</li>
 *   <li>Unpaired surrogates cannot be encoded as UTF-8 and become {@code ?}, as {@link Bytes#utf8} does.</li>
 * </ul>
 */
public final class SseEncoder {
    private SseEncoder() {
    }

    /** @return the bytes of one event dispatch, ending with its blank line */
    public static Bytes event(SseSend send) {
        StringBuilder out = new StringBuilder(send.data().length() + 32);
        send.event().filter(name -> !name.isEmpty()).ifPresent(name -> field(out, "event", name));
        int from = 0;
        while (true) {
            int end = lineEnd(send.data(), from);
            field(out, "data", send.data().substring(from, end));
            if (end == send.data().length()) {
                break;
            }
            from = afterBreak(send.data(), end);
        }
        // SseSend has already refused CR, LF in event and id, and NUL in id, which could forge or lose a frame.
        send.id().ifPresent(id -> field(out, "id", id));
        send.retry().ifPresent(millis -> field(out, "retry", Long.toString(millis)));
        return Bytes.utf8(out.append('\n').toString());
    }

    /**
     * @param text the comment; each of its lines (split at CRLF, CR and LF) becomes one comment line
     * @return {@code :} before each line not already starting with one, each line ended by LF, then a blank line
     */
    public static Bytes comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        int from = 0;
        while (true) {
            int end = lineEnd(text, from);
            if (!text.startsWith(":", from)) {
                out.append(':');
            }
            out.append(text, from, end).append('\n');
            if (end == text.length()) {
                break;
            }
            from = afterBreak(text, end);
        }
        return Bytes.utf8(out.append('\n').toString());
    }

    /** @return the bytes of {@code sse.comment}, as {@link #comment(String)} */
    public static Bytes comment(SseComment comment) {
        return comment(comment.comment());
    }

    /** @return the comment an {@code sse.keepalive} writes each interval, as {@link #comment(String)} */
    public static Bytes keepalive(SseKeepalive keepalive) {
        return comment(keepalive.comment());
    }

    /**
     * The headers of the response {@code sse.start} begins ({@code www.md}, "Server-supplied headers"): the
     * application's, in order, then {@code content-type: text/event-stream} and {@code cache-control: no-cache},
     * each only when the application set no field of that name. {@code date}, {@code connection} and the framing
     * are the HTTP layer's, which adds them to every response; a sans-IO codec has no clock for {@code date}.
     *
     * @param appHeaders the headers of {@code sse.start}
     * @return the headers to send
     */
    public static Headers startHeaders(Headers appHeaders) {
        Headers out = appHeaders;
        if (!out.contains("content-type")) {
            out = out.with("content-type", "text/event-stream");
        }
        // Without it a cache or proxy may hold events back or replay a stale stream.
        if (!out.contains("cache-control")) {
            out = out.with("cache-control", "no-cache");
        }
        // nginx buffers proxied responses by default, which would hold events back until a buffer fills; this
        // header turns that off for the one response (nginx docs, proxy_buffering).
        if (!out.contains("x-accel-buffering")) {
            out = out.with("x-accel-buffering", "no");
        }
        return out;
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append('\n');
    }

    /** @return the index of the first CR or LF at or after {@code from}, or the length */
    private static int lineEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return s.length();
    }

    /** @return the index after the line break at {@code at}: CRLF counts as one break (9.2.5) */
    private static int afterBreak(String s, int at) {
        return s.charAt(at) == '\r' && at + 1 < s.length() && s.charAt(at + 1) == '\n' ? at + 2 : at + 1;
    }
}
