package org.pagi.wrappers.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A segment trie of templates. At each node the path segment is tried against, in this order: the literal
 * child with that exact text (a map lookup), typed parameters ({@code int}, then {@code uuid}), regex
 * parameters in registration order, the plain parameter, and last the wildcard. The first template reached in
 * that order whose value the visitor accepts wins; a rejected one lets the search go on (the router rejects
 * a route without the request's method, so another template may still serve it). The cost grows with the
 * path's depth, not with the number of templates, as long as parameters at one level are few.
 *
 * <p>Built once, then read by many threads; {@link #put} is only called while building.
 *
 * @param <T> what a template leads to
 */
final class RouteTrie<T> {

    /** Told of each template that matches, in precedence order. */
    @FunctionalInterface
    interface Visitor<T> {
        /** @return true to stop searching */
        boolean visit(T value, List<String> captures);
    }

    private static final class Node<T> {
        final Map<String, Node<T>> literals = new HashMap<>();
        final List<ParamType> paramTypes = new ArrayList<>();
        final List<Node<T>> paramNodes = new ArrayList<>();
        Node<T> wildcard;
        T value;

        Node<T> param(ParamType type) {
            for (int i = 0; i < paramTypes.size(); i++) {
                if (paramTypes.get(i).key().equals(type.key())) {
                    return paramNodes.get(i);
                }
            }
            int at = 0;
            while (at < paramTypes.size() && rank(paramTypes.get(at)) <= rank(type)) {
                at++;
            }
            Node<T> node = new Node<>();
            paramTypes.add(at, type);
            paramNodes.add(at, node);
            return node;
        }

        private static int rank(ParamType type) {
            return switch (type) {
                case ParamType.IntType i -> 0;
                case ParamType.UuidType u -> 1;
                case ParamType.RegexType r -> 2;
                case ParamType.AnyType a -> 3;
            };
        }
    }

    private final Node<T> root = new Node<>();

    /**
     * @param template where the value goes
     * @param initial  makes the value when the template's node has none yet
     * @return the node's value (new or already there), for the caller to add to
     */
    T put(PathTemplate template, Supplier<T> initial) {
        Node<T> node = root;
        for (Segment segment : template.segments()) {
            node = switch (segment) {
                case Segment.Literal l -> node.literals.computeIfAbsent(l.text(), k -> new Node<>());
                case Segment.Param p -> node.param(p.type());
                case Segment.Wildcard w -> {
                    if (node.wildcard == null) {
                        node.wildcard = new Node<>();
                    }
                    yield node.wildcard;
                }
            };
        }
        if (node.value == null) {
            node.value = initial.get();
        }
        return node.value;
    }

    /**
     * Searches a decoded path.
     *
     * @return true when the visitor stopped the search
     */
    boolean find(String path, Visitor<T> visitor) {
        List<String> parts = PathTemplate.splitPath(path);
        return parts != null && find(root, parts, 0, new ArrayList<>(), visitor);
    }

    private boolean find(Node<T> node, List<String> parts, int index, List<String> captures, Visitor<T> visitor) {
        if (index == parts.size()) {
            return node.value != null && visitor.visit(node.value, List.copyOf(captures));
        }
        String part = parts.get(index);
        Node<T> literal = node.literals.get(part);
        if (literal != null && find(literal, parts, index + 1, captures, visitor)) {
            return true;
        }
        for (int i = 0; i < node.paramTypes.size(); i++) {
            if (node.paramTypes.get(i).accepts(part)) {
                captures.add(part);
                boolean stop = find(node.paramNodes.get(i), parts, index + 1, captures, visitor);
                captures.removeLast();
                if (stop) {
                    return true;
                }
            }
        }
        if (node.wildcard != null && node.wildcard.value != null) {
            String rest = String.join("/", parts.subList(index, parts.size()));
            if (!rest.isEmpty()) {
                captures.add(rest);
                boolean stop = visitor.visit(node.wildcard.value, List.copyOf(captures));
                captures.removeLast();
                return stop;
            }
        }
        return false;
    }
}
