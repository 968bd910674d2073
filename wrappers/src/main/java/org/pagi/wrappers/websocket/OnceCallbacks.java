package org.pagi.wrappers.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Callbacks that each run exactly once with one value: those registered before {@link #fire} run then, those
 * registered after run at once on the registering thread. A failing callback is logged and does not stop the
 * others.
 */
final class OnceCallbacks<T> {
    private static final System.Logger LOG = System.getLogger(WebSocket.class.getName());

    private final String name;
    private final List<Consumer<? super T>> waiting = new ArrayList<>();
    private T value;
    private boolean fired;

    OnceCallbacks(String name) {
        this.name = name;
    }

    void add(Consumer<? super T> callback) {
        T now;
        synchronized (this) {
            if (!fired) {
                waiting.add(callback);
                return;
            }
            now = value;
        }
        run(callback, now);
    }

    /** Runs every waiting callback with {@code v}; later calls do nothing. @return whether this call fired */
    boolean fire(T v) {
        List<Consumer<? super T>> due;
        synchronized (this) {
            if (fired) {
                return false;
            }
            fired = true;
            value = v;
            due = List.copyOf(waiting);
            waiting.clear();
        }
        due.forEach(c -> run(c, v));
        return true;
    }

    private void run(Consumer<? super T> callback, T v) {
        try {
            callback.accept(v);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a WebSocket " + name + " callback failed", e);
        }
    }
}
