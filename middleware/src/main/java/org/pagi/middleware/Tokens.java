package org.pagi.middleware;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks the header names and methods builders are given, so a bad one fails at build time naming its option. */
final class Tokens {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Tokens() {
    }

    /** @return whether {@code s} is an RFC 9110 token (a header name or a method) */
    static boolean isToken(String s) {
        return TOKEN.matcher(s).matches();
    }

    /** @return {@code name} in lower case, the form the spec's headers compare */
    static String headerName(String option, String name) {
        Objects.requireNonNull(name, option);
        if (!isToken(name)) {
            throw new IllegalArgumentException(option + ": '" + name + "' is not a header name token");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
