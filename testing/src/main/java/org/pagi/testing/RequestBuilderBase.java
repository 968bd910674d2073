package org.pagi.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;
import org.pagi.testing.http.FormEncoder;

/**
 * What the HTTP, WebSocket and SSE request builders share: the target, query parameters, headers and cookies,
 * and the one place that turns them into the {@link RequestHead} a real client's bytes would produce.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class RequestBuilderBase<B extends RequestBuilderBase<B>>
        permits HttpRequestBuilder, WebSocketRequestBuilder, SseRequestBuilder {
    final TestClient client;
    String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final List<Header> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();

    RequestBuilderBase(TestClient client, String method, String pathAndQuery) {
        this.client = Objects.requireNonNull(client, "client");
        this.method = checkMethod(method);
        String target = stripOrigin(Objects.requireNonNull(pathAndQuery, "path"));
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + pathAndQuery + "'");
        }
        int q = target.indexOf('?');
        this.rawPath = q < 0 ? target : target.substring(0, q);
        this.rawQuery = q < 0 ? "" : target.substring(q + 1);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Adds a request header (kept in order; repeated names allowed). */
    public B header(String name, String value) {
        headers.add(Header.of(name, value));
        return self();
    }

    /** Adds request headers. */
    public B headers(Headers more) {
        headers.addAll(more.list());
        return self();
    }

    /** Appends a query parameter, encoded as a form would encode it. */
    public B query(String name, String value) {
        query.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        return self();
    }

    /** Sends a cookie with this request only (on top of the client's cookie jar). */
    public B cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return self();
    }

    /** @return the request line and headers exactly as the server would parse them */
    RequestHead head(List<Header> framingHeaders) {
        List<Header> own = new ArrayList<>(client.defaultHeaders().list());
        own.addAll(headers);
        List<Header> all = new ArrayList<>();
        all.add(Header.of("host", client.host()));
        if (own.stream().noneMatch(h -> h.name().equals("user-agent"))) {
            all.add(Header.of("user-agent", "pagi-testclient"));
        }
        if (own.stream().noneMatch(h -> h.name().equals("accept"))) {
            all.add(Header.of("accept", "*/*"));
        }
        all.addAll(own);
        List<String> cookieParts = new ArrayList<>();
        client.cookies().cookieHeader(rawPath, client.secure(), Instant.now()).ifPresent(cookieParts::add);
        cookieParts.addAll(cookies);
        if (!cookieParts.isEmpty()) {
            all.add(Header.of("cookie", String.join("; ", cookieParts)));
        }
        all.addAll(framingHeaders);
        return new RequestHead(method, Bytes.ascii(target()), "1.1", Headers.of(all));
    }

    /** @return the request keys, built by the server's code path */
    RequestInfo requestInfo(RequestHead head, ScopeFactory.Kind kind) {
        ConnectionInfo conn = new ConnectionInfo(client.secure(), client.clientAddress(), client.serverAddress(),
                client.rootPath());
        return ScopeFactory.requestInfo(head, conn, kind);
    }

    /** @return the path as requested, before any query */
    String path() {
        return rawPath;
    }

    private String target() {
        String extra = query.isEmpty() ? "" : FormEncoder.encodeQuery(query);
        String q = rawQuery.isEmpty() ? extra : extra.isEmpty() ? rawQuery : rawQuery + "&" + extra;
        String path = encodePath(rawPath);
        return q.isEmpty() ? path : path + "?" + q;
    }

    /**
     * Percent-encodes what a browser would in a path: bytes outside visible ASCII and the few visible ones a
     * path may not hold. Existing {@code %XX} escapes are kept.
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '`' && c != '#' && c != '{'
                    && c != '}' && c != '?') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static String stripOrigin(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        for (String prefix : List.of("http://", "https://", "ws://", "wss://")) {
            if (lower.startsWith(prefix)) {
                int slash = url.indexOf('/', prefix.length());
                return slash < 0 ? "/" : url.substring(slash);
            }
        }
        return url;
    }

    private static String checkMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("method must be an RFC 9110 token, got '" + method + "'");
        }
        return method;
    }

    Optional<String> firstHeader(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::text).findFirst();
    }
}
