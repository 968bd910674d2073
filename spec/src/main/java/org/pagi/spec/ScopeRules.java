package org.pagi.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Rules and copy-on-write helpers shared by the three request scopes. */
final class ScopeRules {
    private ScopeRules() {
    }

    static Map<String, Object> copyOf(Map<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return Map.of(); // the common case: no middleware has added a key
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The TLS extension's rule: {@code tls} is present only on TLS connections (https, wss). */
    static void checkTls(Extensions extensions, RequestInfo request) {
        boolean secure = request.scheme().equals("https") || request.scheme().equals("wss");
        if (extensions.has(Extensions.TLS) && !secure) {
            throw new IllegalArgumentException("the tls extension is only for TLS connections, but the scheme is "
                    + request.scheme());
        }
    }

    static Map<String, Object> with(Map<String, Object> attributes, String key, Object value) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(attributes);
        copy.put(Objects.requireNonNull(key, "attribute key"), Objects.requireNonNull(value, "attribute value"));
        return Collections.unmodifiableMap(copy);
    }
}
