package org.pagi.wrappers.lifespan;

import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Scope;
import org.pagi.spec.State;

/**
 * A typed name for a value in the lifespan {@link State}: a startup hook {@linkplain #put puts} it, every later
 * scope {@linkplain #get gets} it back with its type, and a missing value is an error that names the key.
 *
 * <pre>{@code
 * static final StateKey<DataSource> DB = StateKey.of("myapp.db", DataSource.class);
 * lifespan.onStartupBlocking("db", life -> DB.put(life.state(), openPool()));
 * DataSource db = DB.get(httpScope);                                  // in a handler
 * }</pre>
 *
 * @param name the state key; namespace it ({@code "myapp.db"}) so it cannot collide with other frameworks
 * @param type the type of the value
 * @param <T>  the type of the value
 */
public record StateKey<T>(String name, Class<T> type) {

    /** Checks for nulls and an empty name. */
    public StateKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a state key name must not be empty");
        }
    }

    /** @return a key named {@code name} for values of {@code type} */
    public static <T> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, type);
    }

    /** Stores {@code value} under this key in {@code state} (at startup: the lifespan namespace). */
    public void put(State state, T value) {
        state.put(name, type.cast(Objects.requireNonNull(value, "value")));
    }

    /**
     * @return the value in {@code state}
     * @throws IllegalStateException naming the key when it is not set
     * @throws ClassCastException    naming the key when it holds another type
     */
    public T get(State state) {
        return find(state).orElseThrow(() -> new IllegalStateException("state key '" + name
                + "' is not set: no lifespan startup hook stored it (is the app wrapped in a Lifespan, and did"
                + " the server run lifespan startup?)"));
    }

    /** @return the value in {@code scope.state()}; see {@link #get(State)} */
    public T get(Scope scope) {
        return get(scope.state());
    }

    /** @return the value in {@code state}, if set */
    public Optional<T> find(State state) {
        return state.get(name, type);
    }
}
