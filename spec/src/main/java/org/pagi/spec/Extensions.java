package org.pagi.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The capabilities a server advertises for one connection: the scope's {@code extensions} key.
 *
 * <p>Each present name maps to the extension's data ({@link Map#of()} when it has none, a {@link TlsInfo} for
 * {@code tls}). An application checks for a name before it relies on it, for example before it sends
 * {@code http.fullflush}. Immutable.
 */
public final class Extensions {
    /** Lets an application send {@code http.fullflush}. */
    public static final String FULLFLUSH = "fullflush";
    /** TLS connection facts; value: {@link TlsInfo}. Present only on TLS connections. */
    public static final String TLS = "tls";
    /** Lets a WebSocket application deny the handshake with a custom HTTP response. */
    public static final String WEBSOCKET_HTTP_RESPONSE = "websocket.http.response";

    private static final Extensions NONE = new Extensions(Map.of());

    private final Map<String, Object> entries;

    private Extensions(Map<String, Object> entries) {
        this.entries = entries;
    }

    /** @return no extensions */
    public static Extensions none() {
        return NONE;
    }

    /** @return extensions holding {@code entries}; names must be lower case */
    public static Extensions of(Map<String, Object> entries) {
        for (String name : entries.keySet()) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("extension names are lower-case identifiers, got '" + name + "'");
            }
        }
        return entries.isEmpty() ? NONE : new Extensions(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    /** @return these extensions plus {@code name} with no data */
    public Extensions with(String name) {
        return with(name, Map.of());
    }

    /** @return these extensions plus {@code name} mapped to {@code data} */
    public Extensions with(String name, Object data) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(entries);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(data, "data"));
        return of(copy);
    }

    /** @return whether {@code name} is advertised */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** @return the data of {@code name} */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** @return the TLS facts, present only on a TLS connection */
    public Optional<TlsInfo> tls() {
        return get(TLS).filter(TlsInfo.class::isInstance).map(TlsInfo.class::cast);
    }

    /** @return the advertised names */
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Extensions" + entries;
    }
}
