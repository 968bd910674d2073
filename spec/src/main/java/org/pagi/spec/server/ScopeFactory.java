package org.pagi.spec.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pagi.spec.Bytes;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.Extensions;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.HttpScope;
import org.pagi.spec.PagiInfo;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.SseScope;
import org.pagi.spec.State;
import org.pagi.spec.TransportFlow;
import org.pagi.spec.WebSocketScope;

/**
 * Turns a request head into a PAGI scope: the one code path the server and the test client share, so a test
 * never passes against a scope the server would not build.
 *
 * <p>What it decides: the scope type ({@link #classify}: a WebSocket upgrade, an SSE request by its
 * {@code Accept} header, else plain HTTP), the path and query split of the request target, percent-decoding of
 * the path, the scheme, the {@code cookie} normalization the spec requires, and the shallow copy of the
 * lifespan state. What it does not: framing, limits and header syntax, which the protocol parser checks before.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScopeFactory {
    /** The scope a request becomes. */
    public enum Kind { HTTP, WEBSOCKET, SSE }

    private ScopeFactory() {
    }

    /**
     * Chooses the scope type. A request is a WebSocket when it asks to upgrade to {@code websocket}
     * ({@code Upgrade: websocket} and {@code Connection: upgrade}); otherwise it is SSE when its {@code Accept}
     * header lists {@code text/event-stream}, whatever the method; otherwise HTTP. The path plays no part.
     */
    public static Kind classify(RequestHead head) {
        Headers h = head.headers();
        if (hasToken(h.all("upgrade"), "websocket") && hasToken(h.all("connection"), "upgrade")) {
            return Kind.WEBSOCKET;
        }
        for (String accept : h.all("accept")) {
            for (String range : accept.split(",")) {
                int semi = range.indexOf(';');
                String type = (semi < 0 ? range : range.substring(0, semi)).trim();
                if (type.equalsIgnoreCase("text/event-stream")) {
                    return Kind.SSE;
                }
            }
        }
        return Kind.HTTP;
    }

    /**
     * Builds the request keys shared by every request scope.
     *
     * @throws InvalidRequestException for a target that is not origin-form, absolute-form or {@code *}
     */
    public static RequestInfo requestInfo(RequestHead head, ConnectionInfo connection, Kind kind) {
        RequestTarget target = RequestTarget.parse(head.method(), head.target());
        String scheme = kind == Kind.WEBSOCKET ? (connection.secure() ? "wss" : "ws")
                : (connection.secure() ? "https" : "http");
        String path = target.asterisk() ? "*" : PercentDecoder.decodePath(target.rawPath());
        return new RequestInfo(head.httpVersion(), head.method(), scheme, path, target.rawPath(), target.query(),
                connection.rootPath(), normalizeCookies(head.headers()), connection.client(), connection.server());
    }

    /** @return an {@code http} scope with a shallow copy of {@code lifespanState} */
    public static HttpScope http(RequestInfo request, State lifespanState, Extensions extensions,
            ConnectionState connection, TransportFlow transport) {
        return new HttpScope(PagiInfo.current(), request, lifespanState.copy(), extensions, connection, transport,
                Map.of());
    }

    /** @return a {@code websocket} scope, subprotocols parsed from {@code sec-websocket-protocol} */
    public static WebSocketScope websocket(RequestInfo request, State lifespanState, Extensions extensions,
            TransportFlow transport) {
        return new WebSocketScope(PagiInfo.current(), request, subprotocols(request.headers()), lifespanState.copy(),
                extensions, transport, Map.of());
    }

    /** @return an {@code sse} scope with a shallow copy of {@code lifespanState} */
    public static SseScope sse(RequestInfo request, State lifespanState, Extensions extensions,
            TransportFlow transport) {
        return new SseScope(PagiInfo.current(), request, lifespanState.copy(), extensions, transport, Map.of());
    }

    /** The spec's subprotocol list: every {@code sec-websocket-protocol} value split on commas, trimmed. */
    public static List<String> subprotocols(Headers headers) {
        List<String> out = new ArrayList<>();
        for (String value : headers.all("sec-websocket-protocol")) {
            for (String p : value.split(",")) {
                String t = p.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The spec's cookie rule: several {@code cookie} fields become one, joined with {@code "; "}, at the place of
     * the first. Other fields keep their order.
     */
    public static Headers normalizeCookies(Headers headers) {
        int count = 0;
        for (Header h : headers) {
            if (h.name().equals("cookie")) {
                count++;
            }
        }
        if (count < 2) {
            return headers;
        }
        Bytes joined = null;
        for (Header h : headers) {
            if (h.name().equals("cookie")) {
                joined = joined == null ? h.value() : joined.concat(Bytes.ascii("; ")).concat(h.value());
            }
        }
        List<Header> out = new ArrayList<>(headers.size() - count + 1);
        boolean placed = false;
        for (Header h : headers) {
            if (!h.name().equals("cookie")) {
                out.add(h);
            } else if (!placed) {
                out.add(new Header("cookie", joined));
                placed = true;
            }
        }
        return Headers.of(out);
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
