package org.pagi.middleware;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a middleware decided for a header value, so that a value seen on every request ({@code
 * Content-Type: text/html; charset=utf-8}, a browser's {@code Accept-Encoding}) is parsed once. A client chooses
 * request header values, so the memo is bounded: past {@code capacity} values it stops remembering and computes.
 */
final class HeaderMemo<V> {
    private final Map<String, V> memo = new ConcurrentHashMap<>();
    private final Function<String, V> compute;
    private final int capacity;

    HeaderMemo(int capacity, Function<String, V> compute) {
        this.capacity = capacity;
        this.compute = compute;
    }

    V get(String value) {
        V known = memo.get(value);
        if (known != null) {
            return known;
        }
        V fresh = compute.apply(value);
        if (memo.size() < capacity) {
            memo.putIfAbsent(value, fresh);
        }
        return fresh;
    }
}
