package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Extensions;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.RequestScope;
import org.pagi.spec.WebSocketScope;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Puts the client address, scheme and host that trusted reverse proxies report into the scope (upstream:
 * ReverseProxy), so every later middleware and the application read only resolved values.
 *
 * <p>Headers are read only when the direct peer is a trusted proxy. {@code Forwarded} (RFC 7239) wins over
 * {@code X-Forwarded-For/-Proto/-Host/-Port} when both are present. The hops are walked right to left, skipping
 * trusted proxies; the first untrusted hop is the client (all trusted: the leftmost). With {@code Forwarded},
 * {@code proto} and {@code host} come from the client's element; the {@code X-Forwarded-Proto/-Host/-Port} values
 * are the rightmost ones, set by the nearest proxy. A malformed header from a trusted peer is answered with 400
 * naming it. A TLS connection is never downgraded to {@code http}. Acts on http, websocket and sse scopes.
 */
public final class ProxyHeaders implements Middleware {
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~-]+)(:[0-9]{1,5})?");

    /**
     * @param trustedProxies addresses and CIDR ranges of the proxies whose headers are believed; at least one
     * @param forwarded      read {@code Forwarded}
     * @param xForwarded     read {@code X-Forwarded-For/-Proto/-Host/-Port}
     */
    public record Config(List<Cidr> trustedProxies, boolean forwarded, boolean xForwarded) {
        /** Refuses a configuration that would trust nobody or read nothing. */
        public Config {
            trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
            if (trustedProxies.isEmpty()) {
                throw new IllegalArgumentException("trustedProxies: at least one trusted proxy address or CIDR range"
                        + " is required; forwarding headers from untrusted peers are forgeable");
            }
            if (!forwarded && !xForwarded) {
                throw new IllegalArgumentException("forwarded, xForwarded: both off, nothing would be read");
            }
        }
    }

    private final Config config;

    private ProxyHeaders(Config config) {
        this.config = config;
    }

    /** @return a builder: no trusted proxy yet, both header families on */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope rs)) {
                return next.call(scope, receive, send);
            }
            Optional<Endpoint> peer = rs.client();
            if (peer.isEmpty() || !Cidr.anyContains(config.trustedProxies(), peer.get().host())) {
                return next.call(scope, receive, send);
            }
            RequestInfo resolved;
            try {
                resolved = resolve(rs);
            } catch (IllegalArgumentException e) {
                return Refusal.text(rs, send, 400, "Bad Request: " + e.getMessage());
            }
            return resolved == null ? next.call(scope, receive, send)
                    : next.call(rs.withRequest(resolved), receive, send);
        };
    }

    /** @return the request with the resolved values, or null when no forwarding header is present */
    private RequestInfo resolve(RequestScope scope) {
        Headers h = scope.headers();
        ForwardedHops.Node client;
        String proto;
        String host;
        String port = null;
        if (config.forwarded() && h.contains("forwarded")) {
            List<ForwardedHops.Element> elements = ForwardedHops.parseForwarded(String.join(",", h.all("forwarded")));
            List<ForwardedHops.Node> hops = new ArrayList<>();
            List<ForwardedHops.Element> withFor = new ArrayList<>();
            for (ForwardedHops.Element e : elements) {
                if (e.forNode() != null) {
                    hops.add(e.forNode());
                    withFor.add(e);
                }
            }
            if (hops.isEmpty()) {
                throw new IllegalArgumentException("Forwarded: no element has 'for'");
            }
            ForwardedHops.Element chosen = withFor.get(ForwardedHops.clientIndex(hops, config.trustedProxies()));
            client = chosen.forNode();
            proto = chosen.proto();
            host = chosen.host();
        } else if (config.xForwarded() && h.contains("x-forwarded-for")) {
            List<ForwardedHops.Node> hops = ForwardedHops.parseXForwardedFor(String.join(",", h.all("x-forwarded-for")));
            client = hops.get(ForwardedHops.clientIndex(hops, config.trustedProxies()));
            proto = rightmost(h, "x-forwarded-proto");
            host = rightmost(h, "x-forwarded-host");
            port = rightmost(h, "x-forwarded-port");
        } else {
            return null;
        }
        RequestInfo req = scope.request();
        String scheme = scheme(scope, proto);
        Optional<Endpoint> newClient = client.address() != null ? Optional.of(Endpoint.of(client.address(), client.port()))
                : client.identifier().equalsIgnoreCase("unknown") ? Optional.empty()
                : Optional.of(Endpoint.of(client.identifier(), client.port()));
        Headers headers = req.headers();
        String newHost = host(host, port, headers.first("host").orElse(null), scheme);
        if (newHost != null) {
            headers = headers.replace("host", newHost);
        }
        return req.withSchemeAndClient(scheme, newClient).withHeaders(headers);
    }

    private static String rightmost(Headers h, String name) {
        List<String> all = h.all(name);
        if (all.isEmpty()) {
            return null;
        }
        String joined = String.join(",", all);
        String last = joined.substring(joined.lastIndexOf(',') + 1).strip();
        if (last.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty value");
        }
        return last;
    }

    private static String scheme(RequestScope scope, String proto) {
        String current = scope.scheme();
        if (proto == null) {
            return current;
        }
        boolean secure = switch (proto.toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> true;
            case "http", "ws" -> false;
            default -> throw new IllegalArgumentException("forwarded proto must be http or https, got '" + proto + "'");
        };
        if (!secure && scope.extensions().has(Extensions.TLS)) {
            return current;    // the hop to us is TLS: never report it as plain text
        }
        boolean ws = scope instanceof WebSocketScope;
        return ws ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
    }

    private static String host(String host, String port, String currentHost, String scheme) {
        if (host != null && !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("forwarded host is not a host[:port]: '" + host + "'");
        }
        if (port == null) {
            return host;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.isEmpty()
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("x-forwarded-port must be 1-65535, got '" + port + "'");
        }
        String base = host != null ? host : currentHost;
        if (base == null || !HOST.matcher(base).matches()) {
            return null;
        }
        String name = base.startsWith("[") ? base.substring(0, base.indexOf(']') + 1)
                : base.contains(":") ? base.substring(0, base.indexOf(':')) : base;
        boolean secure = scheme.equals("https") || scheme.equals("wss");
        boolean defaultPort = port.equals(secure ? "443" : "80");
        return defaultPort ? name : name + ":" + port;
    }

    /** Collects the trusted proxies and which header families to read. Not thread-safe; build once. */
    public static final class Builder {
        private final List<Cidr> trusted = new ArrayList<>();
        private boolean forwarded = true;
        private boolean xForwarded = true;

        private Builder() {
        }

        /**
         * @param addressOrRange an address or CIDR range, e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}
         * @return this builder
         * @throws IllegalArgumentException when it is not a literal address or range
         */
        public Builder trustedProxy(String addressOrRange) {
            try {
                trusted.add(Cidr.parse(addressOrRange));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trustedProxies: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * @param on whether to read {@code Forwarded} (default on)
         * @return this builder
         */
        public Builder forwarded(boolean on) {
            forwarded = on;
            return this;
        }

        /**
         * @param on whether to read {@code X-Forwarded-For/-Proto/-Host/-Port} (default on)
         * @return this builder
         */
        public Builder xForwarded(boolean on) {
            xForwarded = on;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming the option when the configuration is refused
         */
        public ProxyHeaders build() {
            return new ProxyHeaders(new Config(trusted, forwarded, xForwarded));
        }
    }
}
