package org.pagi.wrappers.proxy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;

/**
 * Builds the backend request from the client's: the target under the backend's base path, the end-to-end
 * headers, this hop's forwarding headers and the configured extras.
 *
 * <p>The JDK client refuses to set five fields itself ({@code IllegalArgumentException: restricted header
 * name}); each is handled here on purpose rather than by catching that:
 * <ul>
 *   <li>{@code Host}: the client writes the backend's authority from the URI; the client's own {@code Host}
 *       travels in {@code X-Forwarded-Host} and {@code Forwarded: host=}.</li>
 *   <li>{@code Content-Length}: carried by the body publisher's length (-1 means chunked).</li>
 *   <li>{@code Connection}, {@code Upgrade}: hop-by-hop, removed anyway; upgrades are not proxied.</li>
 *   <li>{@code Expect}: the server in front already answered {@code 100-continue} when the body was first
 *       received, so the backend is not asked again.</li>
 * </ul>
 */
final class UpstreamRequest {
    /** Refused by the JDK client (jdk.internal.net.http.common.Utils, DISALLOWED_HEADERS_SET). */
    static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private UpstreamRequest() {
    }

    /** @return the request to send to the backend */
    static HttpRequest build(ProxyConfig config, RequestScope scope, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target(config.backend(), scope))
                .method(scope.method(), body)
                .timeout(config.timeout());
        Headers headers = ForwardedHeaders.add(HopByHop.strip(scope.headers()), scope, config.appendForwarded());
        for (Header h : headers) {
            if (!RESTRICTED.contains(h.name()) && !config.extraNames().contains(h.name())) {
                request.header(h.name(), h.text());
            }
        }
        for (Header h : config.extraHeaders()) {
            request.header(h.name(), h.text());
        }
        return request.build();
    }

    /**
     * The backend's base path followed by the request's path below the proxy's mount point and its query. The raw
     * path is kept byte for byte (an encoded {@code %2F} stays encoded); only octets a URI cannot hold are
     * percent-encoded.
     */
    static URI target(URI backend, RequestScope scope) {
        String base = backend.getRawPath() == null ? "" : backend.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String tail = pathBelowMount(scope);
        if (hasDotSegment(tail)) {
            // A backend that resolves "/v1/../admin" would be asked for a path outside the base path.
            throw new IllegalArgumentException("a path with a '.' or '..' segment is not forwarded");
        }
        String path = base + tail;
        if (path.isEmpty()) {
            path = "/";
        }
        String query = scope.queryString().latin1();
        String target = backend.getScheme() + "://" + backend.getRawAuthority() + path
                + (query.isEmpty() ? "" : "?" + encode(query.getBytes(StandardCharsets.ISO_8859_1), false, true));
        return URI.create(target);
    }

    /** Whether a segment of {@code rawPath} is {@code .} or {@code ..}, also spelled with {@code %2E}. */
    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String s = segment.replace("%2e", ".").replace("%2E", ".");
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String pathBelowMount(RequestScope scope) {
        String raw = scope.rawPath().latin1();
        String root = scope.rootPath();
        if (!raw.isEmpty() && (root.isEmpty() || raw.startsWith(root))) {
            return encode(raw.substring(root.length()).getBytes(StandardCharsets.ISO_8859_1), false, false);
        }
        // No raw path, or a mount that rewrote it: rebuild it from the decoded path.
        return encode(scope.path().getBytes(StandardCharsets.UTF_8), true, false);
    }

    /** Percent-encodes the octets RFC 3986 does not allow in a path (or query); {@code %} too if asked. */
    static String encode(byte[] octets, boolean percentToo, boolean query) {
        StringBuilder out = new StringBuilder(octets.length);
        for (byte b : octets) {
            int c = b & 0xFF;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0 || (c == '%' && !percentToo) || (query && c == '?');
            if (keep) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
