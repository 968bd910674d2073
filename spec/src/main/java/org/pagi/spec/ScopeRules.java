package org.pagi.spec;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Rules and copy-on-write helpers shared by the three request scopes. */
final class ScopeRules {
    private ScopeRules() {
    }

    static Map<String, Object> copyOf(Map<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return Map.of(); // the common case: no middleware has added a key
        }
        if (attributes instanceof Frozen || attributes instanceof Layered) {
            return attributes; // already private and read-only: withAttribute does not copy it again
        }
        return new Frozen(new LinkedHashMap<>(attributes));
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
        Objects.requireNonNull(key, "attribute key");
        Objects.requireNonNull(value, "attribute value");
        if (attributes instanceof Layered layered && layered.depth >= Layered.MAX_DEPTH) {
            LinkedHashMap<String, Object> flat = new LinkedHashMap<>(attributes);
            flat.put(key, value);
            return new Frozen(flat);
        }
        return new Layered(attributes, key, value);
    }

    /**
     * One attribute over the ones a scope already had. Each middleware adds a key or two per request, so a copy
     * of the whole map per key would grow with the stack; a layer is one small object. Lookups walk at most
     * {@link #MAX_DEPTH} layers; iteration (rare: logging, debugging) flattens once, in insertion order, a key
     * given again keeping its first place as in a {@code LinkedHashMap}.
     */
    private static final class Layered extends AbstractMap<String, Object> {
        static final int MAX_DEPTH = 16;
        private final Map<String, Object> below;
        private final String key;
        private final Object value;
        private final int depth;
        private volatile Map<String, Object> flat;

        Layered(Map<String, Object> below, String key, Object value) {
            this.below = below;
            this.key = key;
            this.value = value;
            this.depth = below instanceof Layered l ? l.depth + 1 : 1;
        }

        @Override
        public Object get(Object k) {
            return k == null ? null : key.equals(k) ? value : below.get(k);
        }

        @Override
        public boolean containsKey(Object k) {
            return k != null && (key.equals(k) || below.containsKey(k));
        }

        @Override
        public boolean isEmpty() {
            return false; // checked for every scope made; must not flatten
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return flat().entrySet();
        }

        @Override
        public int size() {
            return flat().size();
        }

        private Map<String, Object> flat() {
            Map<String, Object> f = flat;
            if (f == null) {
                LinkedHashMap<String, Object> m = new LinkedHashMap<>(below);
                m.put(key, value);
                f = Collections.unmodifiableMap(m);
                flat = f;
            }
            return f;
        }
    }

    /** Attributes no one else holds a reference to: read-only, in insertion order. */
    private static final class Frozen extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        Frozen(LinkedHashMap<String, Object> owned) {
            this.map = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }
}
