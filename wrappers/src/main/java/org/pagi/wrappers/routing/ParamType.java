package org.pagi.wrappers.routing;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a single-segment path parameter accepts. The order of the permitted types is the matching precedence
 * among parameters: {@code int} and {@code uuid} (typed) before a regex, before a plain parameter.
 */
public sealed interface ParamType {

    /** @return whether a whole, percent-decoded segment is acceptable; a segment is never empty */
    boolean accepts(String segment);

    /** @return the key under which the trie keeps this type's edge: equal keys accept the same segments */
    String key();

    /** Decimal digits with an optional leading minus, fitting a {@code long}. */
    record IntType() implements ParamType {
        @Override
        public boolean accepts(String s) {
            int start = s.startsWith("-") ? 1 : 0;
            if (s.length() == start || s.length() - start > 19) {
                return false;
            }
            for (int i = start; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            try {
                Long.parseLong(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String key() {
            return "int";
        }
    }

    /** The 8-4-4-4-12 hexadecimal form, either case. */
    record UuidType() implements ParamType {
        @Override
        public boolean accepts(String s) {
            if (s.length() != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String key() {
            return "uuid";
        }
    }

    /** A regular expression that must match the whole segment (groups inside it capture nothing visible). */
    record RegexType(Pattern pattern) implements ParamType {
        /** Checks the pattern is present. */
        public RegexType {
            Objects.requireNonNull(pattern, "pattern");
        }

        static RegexType compile(String regex) throws PatternSyntaxException {
            return new RegexType(Pattern.compile(regex));
        }

        @Override
        public boolean accepts(String s) {
            return pattern.matcher(s).matches();
        }

        @Override
        public String key() {
            return "re:" + pattern.pattern();
        }
    }

    /** Any non-empty segment. */
    record AnyType() implements ParamType {
        @Override
        public boolean accepts(String s) {
            return !s.isEmpty();
        }

        @Override
        public String key() {
            return "any";
        }
    }
}
