package org.pagi.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The lifespan {@code state} namespace: what an application stores at startup and reads in later scopes.
 *
 * <p>Each request scope gets a {@linkplain #copy() shallow copy}: top-level keys set in one scope stay private
 * to it, while the values (a connection pool, a queue) are the same objects everywhere. To share mutable data,
 * store a container once at startup and mutate it through its reference. Null keys and values are refused.
 *
 * <p>Thread-safe.
 */
public final class State {
    // Copy-on-write: copy() shares the map, and whichever side writes first takes a private copy. Each request
    // gets a copy, and almost none writes to it, so the common case allocates one small object.
    private Map<String, Object> map;
    private boolean owned;

    /** Creates an empty namespace. */
    public State() {
        this.map = new HashMap<>();
        this.owned = true;
    }

    private State(Map<String, Object> shared) {
        this.map = shared;
        this.owned = false;
    }

    /** @return the value stored under {@code key} */
    public synchronized Optional<Object> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    /**
     * @return the value stored under {@code key}, as {@code type}
     * @throws ClassCastException naming the key when the value is of another type
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        Object v;
        synchronized (this) {
            v = map.get(key);
        }
        if (v != null && !type.isInstance(v)) {
            throw new ClassCastException("state key '%s' holds a %s, not a %s"
                    .formatted(key, v.getClass().getName(), type.getName()));
        }
        return Optional.ofNullable(type.cast(v));
    }

    /** Stores {@code value} under {@code key}, in this copy only. */
    public State put(String key, Object value) {
        Objects.requireNonNull(key, "state key");
        Objects.requireNonNull(value, "state value");
        synchronized (this) {
            own().put(key, value);
        }
        return this;
    }

    /** Removes {@code key} from this copy. */
    public synchronized State remove(String key) {
        if (map.containsKey(key)) {
            own().remove(key);
        }
        return this;
    }

    /** @return the keys of this copy */
    public synchronized Set<String> keys() {
        return Set.copyOf(map.keySet());
    }

    /** @return whether this copy is empty */
    public synchronized boolean isEmpty() {
        return map.isEmpty();
    }

    /** @return a shallow copy: new top-level keys, the same values */
    public synchronized State copy() {
        owned = false; // from now on this side copies before writing, too
        return new State(map);
    }

    /** @return an unmodifiable snapshot of this copy */
    public synchronized Map<String, Object> asMap() {
        return Map.copyOf(map);
    }

    private Map<String, Object> own() {
        if (!owned) {
            map = new HashMap<>(map);
            owned = true;
        }
        return map;
    }

    @Override
    public synchronized String toString() {
        return "State" + map;
    }
}
