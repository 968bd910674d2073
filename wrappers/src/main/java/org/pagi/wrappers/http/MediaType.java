package org.pagi.wrappers.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.server.Ows;

/**
 * A media type such as {@code text/html; charset=UTF-8} (RFC 9110 section 8.3.1): type and subtype in lower case,
 * parameters in order with lower-case names and their values unquoted. Also a media range when type or subtype
 * is {@code *} (as in {@code Accept}).
 *
 * @param type       the top-level type, lower case, or {@code *}
 * @param subtype    the subtype, lower case, or {@code *}
 * @param parameters the parameters in order; unmodifiable
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    /** Checks the parts and keeps an unmodifiable copy of the parameters. */
    public MediaType {
        if (!HeaderLists.isToken(type) || !HeaderLists.isToken(subtype)) {
            throw new MediaTypeParseException(type + "/" + subtype, "type and subtype must be tokens");
        }
        if (type.equals("*") && !subtype.equals("*")) {
            throw new MediaTypeParseException(type + "/" + subtype, "a wildcard type needs a wildcard subtype");
        }
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    }

    /**
     * Parses a media type; empty parameters ({@code ;;}) are allowed, a repeated parameter keeps its first value.
     *
     * @throws MediaTypeParseException naming what was wrong
     */
    public static MediaType parse(String text) {
        Objects.requireNonNull(text, "text");
        var pieces = HeaderLists.split(text, ';');
        String essence = Ows.trim(pieces.get(0));
        int slash = essence.indexOf('/');
        if (slash < 0) {
            throw new MediaTypeParseException(text, "no '/' between type and subtype");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < pieces.size(); i++) {
            String p = Ows.trim(pieces.get(i));
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new MediaTypeParseException(text, "parameter \"" + p + "\" is not name=value");
            }
            String name = p.substring(0, eq);
            if (!HeaderLists.isToken(name)) {
                throw new MediaTypeParseException(text, "parameter name \"" + name + "\" is not a token");
            }
            params.putIfAbsent(name.toLowerCase(Locale.ROOT), value(text, p.substring(eq + 1)));
        }
        return new MediaType(essence.substring(0, slash), essence.substring(slash + 1), params);
    }

    private static String value(String text, String raw) {
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    out.append(raw.charAt(++i));
                } else if (c == '"') {
                    if (i != raw.length() - 1) {
                        throw new MediaTypeParseException(text, "text after a quoted parameter value");
                    }
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw new MediaTypeParseException(text, "unterminated quoted parameter value");
        }
        if (!HeaderLists.isToken(raw)) {
            throw new MediaTypeParseException(text, "parameter value \"" + raw + "\" is neither a token nor quoted");
        }
        return raw;
    }

    /** @return {@code type/subtype} without parameters */
    public String essence() {
        return type + "/" + subtype;
    }

    /** @return the {@code charset} parameter in lower case */
    public Optional<String> charset() {
        return parameter("charset").map(c -> c.toLowerCase(Locale.ROOT));
    }

    /** @return the parameter {@code name} (any case) */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return whether this is a range with a wildcard, {@code type/*} or {@code *}{@code /*} */
    public boolean isWildcard() {
        return subtype.equals("*");
    }

    /**
     * @return whether {@code other} falls in this media range: same essence or covered by a wildcard, and every
     *     parameter of this range present in {@code other} with an equal value (case-insensitive)
     */
    public boolean includes(MediaType other) {
        boolean typeOk = type.equals("*") || type.equals(other.type);
        boolean subtypeOk = subtype.equals("*") || subtype.equals(other.subtype);
        if (!typeOk || !subtypeOk) {
            return false;
        }
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String theirs = other.parameters.get(p.getKey());
            if (theirs == null || !theirs.equalsIgnoreCase(p.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** @return the type as a header value, parameters quoted where they are not tokens */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(essence());
        parameters.forEach((k, v) -> {
            out.append(';').append(k).append('=');
            if (HeaderLists.isToken(v)) {
                out.append(v);
            } else {
                out.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        });
        return out.toString();
    }
}
