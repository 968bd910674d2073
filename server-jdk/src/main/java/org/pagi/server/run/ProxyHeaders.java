package org.pagi.server.run;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestInfo;

/**
 * Rewrites a request's {@code client} and {@code scheme} from the headers a reverse proxy adds
 * ({@code --proxy-headers}), as uvicorn's {@code ProxyHeadersMiddleware} does, plus RFC 7239 {@code Forwarded}.
 *
 * <h2>The trust rule</h2>
 * <ol>
 *   <li>Nothing changes unless the TCP peer is a trusted proxy ({@link TrustedProxies}): anyone else could
 *       write any header they like.</li>
 *   <li>Each proxy appends the address it received the request from, so the list reads client, proxy 1,
 *       proxy 2, ... from left to right, and only the entries added by trusted proxies are believed. The server
 *       walks the list from the right, skipping addresses that are themselves trusted proxies, and takes the
 *       first one that is not: the right-most untrusted address. Everything to its left was written by that
 *       untrusted party and is ignored. If every address is trusted, the left-most one is the client.</li>
 *   <li>When the entry chosen that way is not an IP literal ({@code unknown}, an obfuscated {@code _node}, a
 *       host name, garbage), the client stays the TCP peer: a malformed value is never an error and never
 *       moves the search further left.</li>
 * </ol>
 *
 * <h2>Which headers</h2>
 * <ul>
 *   <li>{@code Forwarded} (RFC 7239), when present, wins, and the {@code X-Forwarded-*} headers are then
 *       ignored. Its elements are walked as above using their {@code for=} parameter; the chosen element gives
 *       the client ({@code for=192.0.2.1}, {@code for="[2001:db8::1]:4711"}, {@code for="192.0.2.1:80"}) and
 *       its {@code proto=} the scheme. An element that does not parse (bad syntax, a repeated parameter) stops
 *       the walk and changes nothing.</li>
 *   <li>{@code X-Forwarded-For} gives the client; {@code X-Forwarded-Proto} the scheme. A single proto value
 *       applies as is; a list is read at the same position from the right as the chosen address, so that each
 *       proxy's proto pairs with the address it added.</li>
 *   <li>Repeated header lines count as one comma-separated list, in order.</li>
 *   <li>A proto of {@code http} or {@code ws} makes the scheme {@code http} (or {@code ws} for a websocket
 *       scope), {@code https} or {@code wss} makes it {@code https} (or {@code wss}); case is ignored; any
 *       other value leaves the scheme alone.</li>
 *   <li>A client without a port gets port 0, as in uvicorn.</li>
 * </ul>
 *
 * <p><strong>Your proxy must set or strip both header families.</strong> A proxy that sets
 * {@code X-Forwarded-For} but passes a client's own {@code Forwarded} header through lets that client pick its
 * address, because {@code Forwarded} wins. nginx: {@code proxy_set_header Forwarded "";} unless you set it.
 *
 * <p>Stateless; thread-safe.
 */
public final class ProxyHeaders {
    private ProxyHeaders() {
    }

    /** One hop of a proxy chain: the address it reports (if it is an IP literal) and its scheme. */
    record Hop(Optional<InetAddress> address, Optional<Endpoint> client, Optional<String> proto) {
        static final Hop UNKNOWN = new Hop(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param request the request as the connection produced it
     * @param peer    the address of the TCP peer
     * @param trusted the peers whose proxy headers are believed
     * @return {@code request}, or a copy with the client and scheme the trusted proxies report
     */
    public static RequestInfo apply(RequestInfo request, InetAddress peer, TrustedProxies trusted) {
        if (!trusted.trusts(peer)) {
            return request;
        }
        Headers headers = request.headers();
        Hop hop;
        if (headers.contains("forwarded")) {
            hop = chosen(ForwardedHeader.hops(headers.all("forwarded")), trusted);
        } else {
            hop = fromXForwarded(headers, trusted);
        }
        Optional<Endpoint> client = hop.client().isPresent() ? hop.client() : request.client();
        String scheme = hop.proto().flatMap(p -> scheme(p, request.scheme())).orElse(request.scheme());
        if (client.equals(request.client()) && scheme.equals(request.scheme())) {
            return request;
        }
        return request.withSchemeAndClient(scheme, client);
    }

    private static Hop fromXForwarded(Headers headers, TrustedProxies trusted) {
        List<String> fors = list(headers.all("x-forwarded-for"));
        List<String> protos = list(headers.all("x-forwarded-proto"));
        List<Hop> hops = new ArrayList<>(fors.size());
        for (String f : fors) {
            hops.add(node(f));
        }
        int fromRight = 0;
        Hop hop = Hop.UNKNOWN;
        if (!hops.isEmpty()) {
            int index = chosenIndex(hops, trusted);
            fromRight = hops.size() - 1 - index;
            hop = hops.get(index);
        }
        Optional<String> proto = Optional.empty();
        if (protos.size() == 1) {
            proto = Optional.of(protos.get(0));
        } else if (fromRight < protos.size()) {
            proto = Optional.of(protos.get(protos.size() - 1 - fromRight));
        }
        return new Hop(hop.address(), hop.client(), proto);
    }

    private static Hop chosen(List<Hop> hops, TrustedProxies trusted) {
        return hops.isEmpty() ? Hop.UNKNOWN : hops.get(chosenIndex(hops, trusted));
    }

    /** The right-most hop whose address is not a trusted proxy; the left-most if all are. */
    private static int chosenIndex(List<Hop> hops, TrustedProxies trusted) {
        for (int i = hops.size() - 1; i > 0; i--) {
            Optional<InetAddress> a = hops.get(i).address();
            if (a.isEmpty() || !trusted.trusts(a.get())) {
                return i;
            }
        }
        return 0;
    }

    /** Joins repeated header lines and splits them on commas; entries are trimmed, empty ones kept. */
    private static List<String> list(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String item : line.split(",", -1)) {
                out.add(item.strip());
            }
        }
        return out;
    }

    /** A hop for {@code text}, which an X-Forwarded-For entry or a Forwarded {@code for=} value holds. */
    static Hop node(String text) {
        return hop(Optional.of(text), Optional.empty());
    }

    /** A hop for a {@code for=} value (when there is one) and a {@code proto=} value. */
    static Hop hop(Optional<String> forValue, Optional<String> proto) {
        Optional<Node> node = forValue.flatMap(Node::parse);
        return new Hop(node.map(Node::address), node.map(n -> Endpoint.of(n.host(), n.port())), proto);
    }

    private static Optional<String> scheme(String proto, String current) {
        boolean websocket = current.equals("ws") || current.equals("wss");
        return switch (proto.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> Optional.of(websocket ? "ws" : "http");
            case "https", "wss" -> Optional.of(websocket ? "wss" : "https");
            default -> Optional.empty();
        };
    }

    /**
     * An address as a proxy writes it (RFC 7239 section 6 {@code node}, which also covers X-Forwarded-For):
     * {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [2001:db8::1]}, {@code [2001:db8::1]:80}, or a bare IPv6
     * literal as X-Forwarded-For carries it. An obfuscated port ({@code _p}) reads as no port.
     */
    record Node(InetAddress address, String host, int port) {
        static Optional<Node> parse(String text) {
            String host;
            String port = "";
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    return Optional.empty();
                }
                host = text.substring(1, close);
                String rest = text.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return Optional.empty();
                    }
                    port = rest.substring(1);
                }
                if (host.indexOf(':') < 0) {
                    return Optional.empty(); // brackets are for IPv6 only
                }
            } else {
                int colon = text.indexOf(':');
                boolean ipv4WithPort = colon >= 0 && text.indexOf(':', colon + 1) < 0;
                host = ipv4WithPort ? text.substring(0, colon) : text;
                port = ipv4WithPort ? text.substring(colon + 1) : "";
            }
            Optional<Integer> p = port(port);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            int portValue = p.get();
            return IpLiteral.parse(host).map(a -> new Node(a, host, portValue));
        }

        /** @return the port, 0 for none or an obfuscated one, empty when malformed */
        private static Optional<Integer> port(String text) {
            if (text.isEmpty() || (text.startsWith("_") && text.length() > 1)) {
                return Optional.of(0);
            }
            if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(text);
            return v <= 65535 ? Optional.of(v) : Optional.empty();
        }
    }
}
