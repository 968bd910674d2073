package org.pagi.wrappers.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * Which header fields stop at the proxy (RFC 9110 section 7.6.1): the fixed hop-by-hop set, every
 * {@code Proxy-*} field, and the fields a {@code Connection} header names. Applied to the request on its way to
 * the backend and to the response on its way back.
 */
final class HopByHop {
    /** Always connection-specific, whatever {@code Connection} says. */
    static final Set<String> FIXED = Set.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** @return whether {@code name} (lower case) is hop-by-hop, given the names {@code Connection} listed */
    static boolean isHopByHop(String name, Set<String> nominated) {
        return FIXED.contains(name) || name.startsWith("proxy-") || nominated.contains(name);
    }

    /** @return the field names listed by every {@code Connection} value, lower case */
    static Set<String> nominated(List<String> connectionValues) {
        Set<String> out = new HashSet<>();
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** @return the request headers without the hop-by-hop ones */
    static Headers strip(Headers headers) {
        Set<String> nominated = nominated(headers.all("connection"));
        return Headers.of(headers.stream().filter(h -> !isHopByHop(h.name(), nominated)).toList());
    }

    /**
     * @param backend the backend's response headers as the JDK client reports them (names in any case)
     * @return the end-to-end fields, lower case, in the client's order; pseudo-headers ({@code :status}) dropped
     */
    static Headers response(Map<String, List<String>> backend) {
        List<String> connection = backend.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("connection"))
                .flatMap(e -> e.getValue().stream()).toList();
        Set<String> nominated = nominated(connection);
        Headers.Builder out = Headers.builder();
        backend.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !isHopByHop(n, nominated)) {
                values.forEach(v -> out.add(Header.of(n, v)));
            }
        });
        return out.build();
    }
}
