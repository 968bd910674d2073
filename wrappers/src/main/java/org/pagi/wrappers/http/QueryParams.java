package org.pagi.wrappers.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pagi.spec.Bytes;
import org.pagi.spec.server.PercentDecoder;
import org.pagi.spec.server.WhatwgUtf8;

/**
 * The parameters of a query string ({@code a=1&b=x+y;c}), ordered and multi-valued.
 *
 * <p>Pairs are separated by {@code &} or {@code ;}; empty pairs are skipped; a pair without {@code =} is a name
 * with an empty value; {@code +} is a space; {@code %XX} escapes are decoded, then the bytes become text as the
 * {@link DecodeMode} says. Names are case-sensitive. Immutable and thread-safe.
 */
public final class QueryParams {
    /** The default most parameters a query string may hold. */
    public static final int DEFAULT_MAX_PARAMS = 1000;

    private static final QueryParams EMPTY = new QueryParams(List.of());

    private final List<Map.Entry<String, String>> pairs;

    private QueryParams(List<Map.Entry<String, String>> pairs) {
        this.pairs = pairs;
    }

    /** @return the parameters of {@code query} in {@link DecodeMode#REPLACE} mode, at most 1000 */
    public static QueryParams parse(Bytes query) {
        return parse(query, DecodeMode.REPLACE, DEFAULT_MAX_PARAMS);
    }

    /** @return the parameters of {@code query} (ASCII text such as {@code a=1&b=2}), in REPLACE mode */
    public static QueryParams parse(String query) {
        return parse(Bytes.latin1(query));
    }

    /**
     * @param query     the scope's {@code query_string}: the bytes after {@code ?}, still percent-encoded
     * @param mode      how the decoded bytes become text
     * @param maxParams the most parameters allowed (at least 1)
     * @return the parameters in order
     * @throws TooManyParametersException when there are more than {@code maxParams} non-empty pairs
     * @throws MalformedQueryException    in STRICT mode, at the first bad escape or invalid UTF-8
     */
    public static QueryParams parse(Bytes query, DecodeMode mode, int maxParams) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        if (maxParams < 1) {
            throw new IllegalArgumentException("maxParams must be at least 1, got " + maxParams);
        }
        int n = query.length();
        if (n == 0) {
            return EMPTY;
        }
        byte[] raw = query.toByteArray(); // one copy; the plain components below become strings straight from it
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && raw[i] != '&' && raw[i] != ';') {
                continue;
            }
            if (i > start) {
                if (out.size() == maxParams) {
                    throw new TooManyParametersException(maxParams);
                }
                out.add(pair(query, raw, start, i, mode));
            }
            start = i + 1;
        }
        return out.isEmpty() ? EMPTY : new QueryParams(List.copyOf(out));
    }

    private static Map.Entry<String, String> pair(Bytes query, byte[] raw, int from, int to, DecodeMode mode) {
        int eq = from;
        while (eq < to && raw[eq] != '=') {
            eq++;
        }
        String name = component(query, raw, from, eq, mode);
        String value = eq < to ? component(query, raw, eq + 1, to, mode) : "";
        return Map.entry(name, value);
    }

    private static String component(Bytes query, byte[] raw, int from, int to, DecodeMode mode) {
        if (isPlainAscii(raw, from, to)) {
            // No escape, no '+', nothing above 0x7F: every mode decodes it to the same characters.
            return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
        }
        Bytes part = query.slice(from, to);
        return switch (mode) {
            case RAW -> new String(PercentDecoder.decode(part, true), StandardCharsets.ISO_8859_1);
            case REPLACE -> WhatwgUtf8.decodeReplacing(PercentDecoder.decode(part, true));
            case STRICT -> strict(query, from, to);
        };
    }

    private static boolean isPlainAscii(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b < 0 || b == '%' || b == '+') {
                return false;
            }
        }
        return true;
    }

    /** Decodes escapes while remembering where each byte came from, so an error names its place in the query. */
    private static String strict(Bytes query, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        int[] origin = new int[to - from];
        for (int i = from; i < to; i++) {
            int b = query.byteAt(i) & 0xFF;
            origin[bytes.size()] = i;
            if (b == '%') {
                int hi = i + 1 < to ? Character.digit(query.byteAt(i + 1), 16) : -1;
                int lo = i + 2 < to ? Character.digit(query.byteAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new MalformedQueryException(i, "'%' is not followed by two hex digits");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        try {
            return WhatwgUtf8.decodeStrict(bytes.toByteArray());
        } catch (WhatwgUtf8.InvalidUtf8 e) {
            return failUtf8(origin[e.index()]);
        }
    }

    private static String failUtf8(int offset) {
        throw new MalformedQueryException(offset, "invalid UTF-8");
    }

    /** @return the first value of {@code name} */
    public Optional<String> get(String name) {
        for (Map.Entry<String, String> p : pairs) {
            if (p.getKey().equals(name)) {
                return Optional.of(p.getValue());
            }
        }
        return Optional.empty();
    }

    /** @return every value of {@code name}, in order; empty when absent */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (Map.Entry<String, String> p : pairs) {
            if (p.getKey().equals(name)) {
                out.add(p.getValue());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the distinct names, in order of first appearance */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> p : pairs) {
            names.add(p.getKey());
        }
        return Collections.unmodifiableSet(names);
    }

    /** @return name to values, names in order of first appearance; unmodifiable */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : pairs) {
            map.computeIfAbsent(p.getKey(), k -> new ArrayList<>(1)).add(p.getValue());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    /** @return every pair in order, names possibly repeated */
    public List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    /** @return how many pairs there are, counting repeats */
    public int size() {
        return pairs.size();
    }

    /** @return whether there are no pairs */
    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryParams other && pairs.equals(other.pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }

    @Override
    public String toString() {
        return "QueryParams" + pairs;
    }
}
