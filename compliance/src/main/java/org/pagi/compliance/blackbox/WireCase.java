package org.pagi.compliance.blackbox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One case of the wire suite: a named check against a server running the conformance application's contract
 * (see {@code ConformanceApp}), reached only through sockets, so it holds for a server in any language.
 *
 * @param id       unique and stable, {@code category.short-name}, e.g. {@code http.missing-host-400}
 * @param category the group it belongs to
 * @param rule     the rule it checks, citing its source: an RFC section or a spec rule
 * @param body     the check; it fails by throwing (see {@link Expect})
 * @param viaProxy why the case does not apply through a reverse proxy (a proxy may legitimately answer or
 *                 change what it checks, e.g. drop trailers or answer 400 itself); empty when it applies
 */
public record WireCase(String id, Category category, String rule, Body body, String viaProxy) {
    private static final Pattern ID = Pattern.compile("[a-z]+\\.[a-z0-9][a-z0-9.-]*");

    /** The check itself. */
    @FunctionalInterface
    public interface Body {
        /** Runs the check against {@code target}; returns normally when it passes. */
        void run(Target target) throws Exception;
    }

    /** Checks the id's form and that it starts with the category. */
    public WireCase {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(viaProxy, "viaProxy");
        if (!ID.matcher(id).matches() || !id.startsWith(category.label() + ".")) {
            throw new IllegalArgumentException("case id '" + id + "' must look like " + category.label() + ".some-name");
        }
        if (rule.isBlank()) {
            throw new IllegalArgumentException(id + ": every case cites the rule it checks");
        }
    }

    /** @return a case of {@code category} named {@code category.name} */
    public static WireCase of(Category category, String name, String rule, Body body) {
        return new WireCase(category.label() + "." + name, category, rule, body, "");
    }

    /** @return this case marked as checking the origin server only, for {@code reason} */
    public WireCase originOnly(String reason) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException(id + ": say why the case does not hold through a proxy");
        }
        return new WireCase(id, category, rule, body, reason);
    }

    /** @return whether the case also holds through a conforming reverse proxy */
    public boolean appliesViaProxy() {
        return viaProxy.isEmpty();
    }
}
