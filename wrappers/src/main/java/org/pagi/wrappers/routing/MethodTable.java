package org.pagi.wrappers.routing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The routes that share one trie node, by method; {@code any} serves every method. For WebSocket and SSE
 * routes only {@code any} is used.
 */
final class MethodTable {

    private final Map<String, Route> byMethod = new TreeMap<>();
    private Route any;

    void add(String method, Route route) {
        Route previous = method == null ? any : byMethod.get(method);
        if (previous != null) {
            throw new IllegalArgumentException((method == null ? "a route for every method" : method) + " "
                    + route.template() + " conflicts with " + previous.template() + ", registered before");
        }
        if (method == null) {
            any = route;
        } else {
            byMethod.put(method, route);
        }
    }

    Route exact(String method) {
        return byMethod.get(method);
    }

    Route any() {
        return any;
    }

    /** @return the methods for {@code Allow}: the registered ones, HEAD where GET is, and OPTIONS */
    Set<String> allowed() {
        Set<String> methods = new TreeSet<>(byMethod.keySet());
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return methods;
    }
}
