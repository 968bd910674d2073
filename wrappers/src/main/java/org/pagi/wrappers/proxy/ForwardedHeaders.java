package org.pagi.wrappers.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;
import org.pagi.spec.RequestScope;

/**
 * Adds this hop to {@code Forwarded} (RFC 7239) and to {@code X-Forwarded-For}, and sets
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. The client is the scope's, so a
 * {@code ProxyHeaders} middleware in front decides who the client is; the entries already on the request are kept
 * (appended to) or dropped, as the proxy was configured. Whether the backend believes the entries left of ours is
 * its own trust decision: a client can write anything there.
 */
final class ForwardedHeaders {
    private static final List<String> OURS = List.of(
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");

    private ForwardedHeaders() {
    }

    /**
     * @param headers the request headers, hop-by-hop fields already removed
     * @param append  whether to extend the chains the request brought, or start them at this client
     * @return the headers for the backend
     */
    static Headers add(Headers headers, RequestScope scope, boolean append) {
        List<String> priorForwarded = append ? headers.all("forwarded") : List.of();
        List<String> priorFor = append ? headers.all("x-forwarded-for") : List.of();
        Headers out = headers;
        for (String name : OURS) {
            out = out.without(name);
        }
        Optional<String> host = headers.first("host");
        String proto = scope.scheme();

        StringBuilder element = new StringBuilder("for=").append(forwardedNode(scope.client()));
        host.ifPresent(h -> element.append(";host=").append(tokenOrQuoted(h)));
        element.append(";proto=").append(proto);

        out = out.with("forwarded", join(priorForwarded, element.toString()))
                .with("x-forwarded-for", join(priorFor, scope.client().map(ForwardedHeaders::address).orElse("unknown")))
                .with("x-forwarded-proto", proto);
        if (host.isPresent()) {
            out = out.with("x-forwarded-host", host.get());
        }
        return out;
    }

    private static String join(List<String> prior, String ours) {
        List<String> all = new ArrayList<>(prior);
        all.add(ours);
        return String.join(", ", all);
    }

    /** The client's address alone: no port, IPv6 without brackets, a Unix socket as {@code unknown}. */
    private static String address(Endpoint client) {
        return client.port().isEmpty() ? "unknown" : client.host();
    }

    /** RFC 7239 section 6: an IPv6 node is bracketed and, with its colons, quoted. */
    private static String forwardedNode(Optional<Endpoint> client) {
        if (client.isEmpty() || client.get().port().isEmpty()) {
            return "unknown";
        }
        String host = client.get().host();
        return host.indexOf(':') >= 0 ? "\"[" + host + "]\"" : host;
    }

    /** A {@code Forwarded} parameter value: a token as it is, anything else a quoted-string. */
    static String tokenOrQuoted(String value) {
        boolean token = !value.isEmpty();
        for (int i = 0; i < value.length() && token; i++) {
            char c = value.charAt(i);
            token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
        return token ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
