package org.pagi.spec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final ConcurrentHashMap<String, Object> values;

    /** Creates an empty namespace. */
    public State() {
        this.values = new ConcurrentHashMap<>();
    }

    private State(Map<String, Object> values) {
        this.values = new ConcurrentHashMap<>(values);
    }

    /** @return the value stored under {@code key} */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @return the value stored under {@code key}, as {@code type}
     * @throws ClassCastException naming the key when the value is of another type
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        Object v = values.get(key);
        if (v != null && !type.isInstance(v)) {
            throw new ClassCastException("state key '%s' holds a %s, not a %s"
                    .formatted(key, v.getClass().getName(), type.getName()));
        }
        return Optional.ofNullable(type.cast(v));
    }

    /** Stores {@code value} under {@code key}, in this copy only. */
    public State put(String key, Object value) {
        values.put(Objects.requireNonNull(key, "state key"), Objects.requireNonNull(value, "state value"));
        return this;
    }

    /** Removes {@code key} from this copy. */
    public State remove(String key) {
        values.remove(key);
        return this;
    }

    /** @return the keys of this copy */
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    /** @return whether this copy is empty */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return a shallow copy: new top-level keys, the same values */
    public State copy() {
        return new State(values);
    }

    /** @return an unmodifiable snapshot of this copy */
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "State" + values;
    }
}
