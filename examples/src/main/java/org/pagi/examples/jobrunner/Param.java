package org.pagi.examples.jobrunner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One parameter of a job type, as upstream declares it: an integer with a range, or a string with a maximum
 * length; with its default.
 */
record Param(String name, Kind kind, Object defaultValue, Long min, Long max, Integer maxLength, String description) {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** What a value must be. */
    enum Kind { INTEGER, STRING }

    static Param integer(String name, long defaultValue, long min, long max, String description) {
        return new Param(name, Kind.INTEGER, defaultValue, min, max, null, description);
    }

    static Param string(String name, String defaultValue, int maxLength, String description) {
        return new Param(name, Kind.STRING, defaultValue, null, null, maxLength, description);
    }

    /**
     * @param given the client's value, or null for the default
     * @return the value as the job gets it (a {@code Long} or a {@code String})
     * @throws InvalidParamsException with upstream's message when the value is wrong
     */
    Object normalise(Object given) {
        Object value = given == null ? defaultValue : given;
        return switch (kind) {
            case INTEGER -> {
                // upstream's /^\d+$/: a whole number written with digits only, so no sign and no fraction
                String text = value instanceof Number n && !(value instanceof Double || value instanceof Float)
                        ? n.toString() : value instanceof String s ? s : "";
                if (!DIGITS.matcher(text).matches() || text.length() > 18) {
                    throw new InvalidParamsException("Parameter '" + name + "' must be an integer");
                }
                long number = Long.parseLong(text);
                if (number < min) {
                    throw new InvalidParamsException("Parameter '" + name + "' must be at least " + min);
                }
                if (number > max) {
                    throw new InvalidParamsException("Parameter '" + name + "' must be at most " + max);
                }
                yield number;
            }
            case STRING -> {
                String text = value instanceof String s ? s : String.valueOf(value);
                if (text.isEmpty()) {
                    throw new InvalidParamsException("Parameter '" + name + "' cannot be empty");
                }
                if (text.codePointCount(0, text.length()) > maxLength) {
                    throw new InvalidParamsException("Parameter '" + name + "' is too long (max " + maxLength + ")");
                }
                yield text;
            }
        };
    }

    /** @return the parameter as {@code /api/job-types} lists it, for the page to build its form */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("type", kind == Kind.INTEGER ? "integer" : "string");
        out.put("default", defaultValue);
        if (min != null) {
            out.put("min", min);
            out.put("max", max);
        }
        if (maxLength != null) {
            out.put("max_length", maxLength);
        }
        out.put("description", description);
        return out;
    }
}
