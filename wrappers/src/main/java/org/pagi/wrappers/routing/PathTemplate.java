package org.pagi.wrappers.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * A route path such as {@code /users/{id:int}/posts/{slug}}: literal segments, parameters and a final
 * rest-of-path wildcard. Each parameter takes a whole segment.
 *
 * <ul>
 *   <li>{@code {name}} or {@code :name}: any non-empty segment</li>
 *   <li>{@code {name:int}}, {@code {name:uuid}}: a decimal {@code long}, a UUID</li>
 *   <li>{@code {name:regex}}: a Java regex that must match the whole segment (braces may nest in it)</li>
 *   <li>{@code {*name}} or {@code *name}: the rest of the path, one segment or more, slashes kept</li>
 * </ul>
 *
 * Templates match the percent-decoded {@code path} of the scope, so a parameter value never holds a slash.
 * Immutable and thread-safe.
 */
public final class PathTemplate {

    private final String source;
    private final List<Segment> segments;
    private final List<String> names;

    private PathTemplate(String source, List<Segment> segments, List<String> names) {
        this.source = source;
        this.segments = segments;
        this.names = names;
    }

    /**
     * @param template the template text, starting with {@code /}
     * @return the parsed template
     * @throws InvalidTemplateException naming the position of the first problem
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new InvalidTemplateException(String.valueOf(template), 0, "a template starts with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (template.length() > 1) {
            int start = 1;
            while (start <= template.length()) {
                int end = segmentEnd(template, start);
                if (!segments.isEmpty() && segments.getLast() instanceof Segment.Wildcard) {
                    throw new InvalidTemplateException(template, start - 1, "nothing may follow a wildcard");
                }
                Segment segment = segment(template, start, end);
                if (segment instanceof Segment.Literal l && l.text().isEmpty() && end < template.length()) {
                    throw new InvalidTemplateException(template, start, "empty segment ('//')");
                }
                String name = switch (segment) {
                    case Segment.Param p -> p.name();
                    case Segment.Wildcard w -> w.name();
                    case Segment.Literal l -> null;
                };
                if (name != null) {
                    if (names.contains(name)) {
                        throw new InvalidTemplateException(template, start, "parameter '" + name + "' appears twice");
                    }
                    names.add(name);
                }
                segments.add(segment);
                start = end + 1;
            }
        }
        return new PathTemplate(template, List.copyOf(segments), List.copyOf(names));
    }

    /** Index of the '/' ending the segment that starts at {@code start}, or the length; '/' inside braces counts not. */
    private static int segmentEnd(String t, int start) {
        int depth = 0;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    throw new InvalidTemplateException(t, i, "'}' without '{'");
                }
            } else if (c == '/' && depth == 0) {
                return i;
            }
        }
        if (depth > 0) {
            throw new InvalidTemplateException(t, t.length(), "'{' not closed");
        }
        return t.length();
    }

    private static Segment segment(String t, int start, int end) {
        String s = t.substring(start, end);
        if (s.startsWith("{")) {
            if (!s.endsWith("}")) {
                throw new InvalidTemplateException(t, start, "a parameter takes the whole segment");
            }
            String inner = s.substring(1, s.length() - 1);
            if (inner.startsWith("*")) {
                return new Segment.Wildcard(name(t, start + 2, inner.substring(1)));
            }
            int colon = inner.indexOf(':');
            if (colon < 0) {
                return new Segment.Param(name(t, start + 1, inner), new ParamType.AnyType());
            }
            String name = name(t, start + 1, inner.substring(0, colon));
            return new Segment.Param(name, type(t, start + 2 + colon, inner.substring(colon + 1)));
        }
        if (s.startsWith(":")) {
            return new Segment.Param(name(t, start + 1, s.substring(1)), new ParamType.AnyType());
        }
        if (s.startsWith("*")) {
            return new Segment.Wildcard(name(t, start + 1, s.substring(1)));
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '{' || s.charAt(i) == '}') {
                throw new InvalidTemplateException(t, start + i, "a parameter takes the whole segment");
            }
        }
        return new Segment.Literal(s);
    }

    private static ParamType type(String t, int at, String spec) {
        switch (spec) {
            case "int" -> {
                return new ParamType.IntType();
            }
            case "uuid" -> {
                return new ParamType.UuidType();
            }
            case "" -> throw new InvalidTemplateException(t, at, "empty parameter type");
            default -> {
                try {
                    return ParamType.RegexType.compile(spec);
                } catch (PatternSyntaxException e) {
                    throw new InvalidTemplateException(t, at, "bad regex: " + e.getDescription());
                }
            }
        }
    }

    private static String name(String t, int at, String name) {
        if (name.isEmpty()) {
            throw new InvalidTemplateException(t, at, "missing parameter name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                throw new InvalidTemplateException(t, at + i, "parameter names are letters, digits and '_'");
            }
        }
        return name;
    }

    /** @return the template text as given */
    public String source() {
        return source;
    }

    /** @return the segments in order; empty for {@code /} */
    public List<Segment> segments() {
        return segments;
    }

    /** @return the parameter names in order */
    public List<String> names() {
        return names;
    }

    /** @return this template under {@code prefix} (a template itself, or empty), as groups and mounts use it */
    PathTemplate under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return parse(source.equals("/") ? prefix : prefix + source);
    }

    /**
     * Builds the path for the given values, percent-encoding each segment (UTF-8).
     *
     * @param params a value for every parameter; {@link Object#toString()} is used, extra keys are ignored
     * @return the encoded path
     * @throws IllegalArgumentException naming a missing parameter, or a value its type does not accept
     */
    public String expand(Map<String, ?> params) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(params.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("template " + source + " needs parameters " + missing
                    + "; given " + new TreeSet<>(params.keySet()));
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append('/');
            switch (segment) {
                case Segment.Literal l -> encode(l.text(), out);
                case Segment.Param p -> {
                    String value = String.valueOf(params.get(p.name()));
                    if (value.indexOf('/') >= 0 || !p.type().accepts(value)) {
                        throw new IllegalArgumentException("parameter '" + p.name() + "' of " + source
                                + " does not accept '" + value + "' (type " + p.type().key() + ", one segment)");
                    }
                    encode(value, out);
                }
                case Segment.Wildcard w -> {
                    String value = String.valueOf(params.get(w.name()));
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("wildcard '" + w.name() + "' of " + source
                                + " needs a non-empty value");
                    }
                    out.append(encodePath(value));
                }
            }
        }
        return out.toString();
    }

    /**
     * Matches one decoded path against this template alone (the router uses its trie instead).
     *
     * @return the parameter values by name, or empty when the path does not match
     */
    public Optional<Map<String, String>> match(String path) {
        List<String> parts = splitPath(path);
        if (parts == null) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Segment.Wildcard w) {
                String rest = String.join("/", parts.subList(Math.min(i, parts.size()), parts.size()));
                if (i >= parts.size() || rest.isEmpty()) {
                    return Optional.empty();
                }
                values.put(w.name(), rest);
                return Optional.of(Map.copyOf(values));
            }
            if (i >= parts.size()) {
                return Optional.empty();
            }
            String part = parts.get(i);
            switch (segment) {
                case Segment.Literal l -> {
                    if (!l.text().equals(part)) {
                        return Optional.empty();
                    }
                }
                case Segment.Param p -> {
                    if (!p.type().accepts(part)) {
                        return Optional.empty();
                    }
                    values.put(p.name(), part);
                }
                case Segment.Wildcard w -> throw new AssertionError(w);
            }
        }
        return parts.size() == segments.size() ? Optional.of(Map.copyOf(values)) : Optional.empty();
    }

    /** @return the segments of a path ({@code /} has none, {@code /a/} has "a" and ""), or null without a leading '/' */
    static List<String> splitPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        if (path.length() == 1) {
            return List.of();
        }
        return List.of(path.substring(1).split("/", -1));
    }

    private static final String SAFE = "-._~!$&'()*+,;=:@";

    /** @return a decoded path percent-encoded again, slashes kept, for a {@code Location} header */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        String[] pieces = path.split("/", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            encode(pieces[i], out);
        }
        return out.toString();
    }

    private static void encode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
