package org.pagi.wrappers.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * One way to reach the parity app: the in-process test client or the real server over sockets. Each call returns
 * a normalised observation, so the two drivers' answers can be compared with {@code equals}.
 */
interface Driver extends AutoCloseable {

    /** Response headers that are compared. Left out: {@code date} and {@code server} (the real server adds them),
     * and the connection's framing ({@code transfer-encoding}, {@code connection}, {@code keep-alive}), which is
     * how bytes travel, not what the application said. */
    List<String> COMPARED_HEADERS = List.of("content-type", "content-length", "location", "allow", "content-range",
            "accept-ranges", "etag", "last-modified", "content-disposition", "set-cookie", "x-count");

    HttpResult http(HttpCall call) throws Exception;

    /** @return one line per step that observes something; "denied STATUS" when the handshake is refused */
    List<String> websocket(String path, List<WsStep> steps) throws Exception;

    SseResult sse(String path, Optional<String> lastEventId) throws Exception;

    /** Stops the server or the lifespan (shutdown hooks run). */
    @Override
    void close() throws Exception;

    /**
     * A request: method, target (path and query), extra headers in order, body; {@code chunked} sends the body in
     * 64 KiB chunks without a {@code Content-Length}, so a limit is crossed while the body streams in.
     */
    record HttpCall(String method, String target, List<Map.Entry<String, String>> headers, Bytes body,
            boolean chunked) {

        static final int CHUNK = 64 * 1024;

        static HttpCall of(String method, String target) {
            return new HttpCall(method, target, List.of(), Bytes.empty(), false);
        }

        HttpCall header(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new HttpCall(method, target, List.copyOf(more), body, chunked);
        }

        HttpCall body(Bytes bytes, String contentType) {
            return new HttpCall(method, target, headers, bytes, chunked).header("content-type", contentType);
        }

        HttpCall inChunks() {
            return new HttpCall(method, target, headers, body, true);
        }

        /** The body cut into {@link #CHUNK}-byte pieces. */
        List<Bytes> pieces() {
            List<Bytes> out = new ArrayList<>();
            for (int from = 0; from < body.length(); from += CHUNK) {
                out.add(body.slice(from, Math.min(body.length(), from + CHUNK)));
            }
            return out;
        }

        @Override
        public String toString() {
            return method + " " + target + " (" + body.length() + " bytes" + (chunked ? ", chunked)" : ")");
        }
    }

    /**
     * What the client saw: status, the {@link #COMPARED_HEADERS} present (repeated fields joined with "\n"), the
     * body (UTF-8; a multipart/byteranges boundary is random per response, so it is replaced by "BOUNDARY"), and
     * the trailers.
     */
    record HttpResult(int status, Map<String, String> headers, String body, Map<String, String> trailers) {

        static HttpResult of(int status, Headers headers, Bytes body, Headers trailers) {
            Map<String, String> kept = new TreeMap<>();
            for (String name : COMPARED_HEADERS) {
                List<String> values = headers.all(name);
                if (!values.isEmpty()) {
                    kept.put(name, String.join("\n", values));
                }
            }
            String text = body.utf8();
            String type = kept.getOrDefault("content-type", "");
            int b = type.indexOf("boundary=");
            if (b >= 0) {
                String boundary = type.substring(b + "boundary=".length());
                text = text.replace(boundary, "BOUNDARY");
                kept.put("content-type", type.replace(boundary, "BOUNDARY"));
            }
            Map<String, String> trailerMap = new TreeMap<>();
            trailers.list().forEach(h -> trailerMap.merge(h.name().toLowerCase(java.util.Locale.ROOT),
                    h.value().latin1(), (x, y) -> x + "\n" + y));
            return new HttpResult(status, Map.copyOf(kept), text, Map.copyOf(trailerMap));
        }
    }

    /** A step of a WebSocket conversation. */
    sealed interface WsStep {
        /** The client sends a text message. */
        record Send(String text) implements WsStep {
        }

        /** The next message from the application, as "text: ..." or "binary: N bytes". */
        record Receive() implements WsStep {
        }

        /** The application closes with this code: "close CODE REASON". */
        record ExpectClose(int code) implements WsStep {
        }
    }

    /** An SSE stream: status, then "event|data|id" per event up to the app's "done", or the decline's body. */
    record SseResult(int status, List<String> events, String declineBody) {
    }
}
