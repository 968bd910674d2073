package org.pagi.middleware;

import java.util.List;

/** Path prefixes matched on a segment boundary: {@code /health} covers {@code /health/x}, not {@code /healthz}. */
final class PathPrefixes {
    private PathPrefixes() {
    }

    /** @throws IllegalArgumentException naming {@code option} when a prefix does not start with '/' */
    static List<String> check(List<String> prefixes, String option) {
        for (String p : prefixes) {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException(option + ": a prefix starts with '/', got '" + p + "'");
            }
        }
        return List.copyOf(prefixes);
    }

    static boolean covers(List<String> prefixes, String path) {
        for (String p : prefixes) {
            String bare = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            if (path.equals(bare) || path.startsWith(bare + "/")) {
                return true;
            }
        }
        return false;
    }
}
