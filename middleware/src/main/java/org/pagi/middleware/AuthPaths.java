package org.pagi.middleware;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.routing.PathPrefixes;

/** Which paths an authentication middleware guards, and reading its scheme's credentials from the request. */
record AuthPaths(List<String> protect, List<String> exclude) {
    AuthPaths {
        protect = PathPrefixes.check(protect, "paths");
        exclude = PathPrefixes.check(exclude, "exclude");
    }

    /** Everything is guarded unless {@code paths} names prefixes; {@code exclude} wins over {@code paths}. */
    boolean guards(String path) {
        return (protect.isEmpty() || PathPrefixes.covers(protect, path)) && !PathPrefixes.covers(exclude, path);
    }

    /** @return the credentials after {@code scheme} in the single {@code Authorization} header, else empty */
    static Optional<String> credentials(RequestScope scope, String scheme) {
        List<String> all = scope.headers().all("authorization");
        if (all.size() != 1) {
            return Optional.empty();
        }
        String value = all.get(0).strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
            return Optional.empty();
        }
        String rest = value.substring(space + 1).strip();
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** @throws IllegalArgumentException naming {@code realm} when it would break the quoted challenge */
    static String checkRealm(String realm) {
        if (realm.isEmpty() || realm.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("realm: must be non-empty without quotes, backslashes or control"
                    + " characters, got '" + realm + "'");
        }
        return realm;
    }
}
