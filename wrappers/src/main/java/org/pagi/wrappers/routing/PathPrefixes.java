package org.pagi.wrappers.routing;

import java.util.List;
import java.util.Objects;

/**
 * Path prefixes matched on a segment boundary, the one rule every mount and every prefix option follows:
 * {@code /api} covers {@code /api} and {@code /api/x}, never {@code /apix}. Used by the router's mounts, the
 * {@code URLMap} app and the middleware's path options (exempt, excluded, bypass and URL prefixes).
 */
public final class PathPrefixes {
    private PathPrefixes() {
    }

    /**
     * Checks a list of prefixes given for {@code option}.
     *
     * @param prefixes the prefixes, each starting with '/'
     * @param option   the option's name, for the message
     * @return an immutable copy
     * @throws IllegalArgumentException naming {@code option} when a prefix does not start with '/'
     */
    public static List<String> check(List<String> prefixes, String option) {
        for (String p : prefixes) {
            normalize(p, option);
        }
        return List.copyOf(prefixes);
    }

    /**
     * The form a prefix is matched in: without its trailing slashes, so {@code /} (the root) becomes empty.
     *
     * @param prefix a prefix starting with '/'
     * @param option the option's name, for the message
     * @return the prefix without trailing slashes
     * @throws IllegalArgumentException naming {@code option} when the prefix does not start with '/'
     */
    public static String normalize(String prefix, String option) {
        Objects.requireNonNull(prefix, option);
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException(option + ": a prefix starts with '/', got '" + prefix + "'");
        }
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(0, end);
    }

    /**
     * The path an application mounted at {@code prefix} sees.
     *
     * @param prefix a prefix in {@linkplain #normalize normal form} (empty for the root)
     * @param path   the request's path
     * @return the rest of {@code path} after the prefix ({@code /} when nothing is left), or null when
     *         {@code path} is not under the prefix
     */
    public static String subPath(String prefix, String path) {
        if (path.equals(prefix)) {
            return "/";
        }
        if (path.startsWith(prefix) && path.length() > prefix.length() && path.charAt(prefix.length()) == '/') {
            return path.substring(prefix.length());
        }
        return null;
    }

    /**
     * @param prefixes prefixes starting with '/', a trailing slash allowed
     * @param path     the request's path
     * @return whether any of the prefixes covers {@code path}
     */
    public static boolean covers(List<String> prefixes, String path) {
        for (String p : prefixes) {
            if (subPath(normalize(p, "prefix"), path) != null) {
                return true;
            }
        }
        return false;
    }
}
