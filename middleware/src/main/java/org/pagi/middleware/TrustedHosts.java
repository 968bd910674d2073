package org.pagi.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pagi.spec.Application;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.routing.Middleware;
import org.pagi.wrappers.routing.Refusal;

/**
 * Answers 400 to requests whose {@code Host} is not on an allow-list, so links and redirects built from the host
 * cannot be pointed at an attacker's domain (host header injection). Entries are exact names
 * ({@code example.com}) or wildcards ({@code *.example.com}: any subdomain at any depth, not the bare domain);
 * the port is ignored and names compare case-insensitively. A request without {@code Host} is 400 unless
 * {@code allowMissing}. Reads the Host after {@link ProxyHeaders}, so put that one outside. Acts on http,
 * websocket (denied before the handshake) and sse scopes.
 */
public final class TrustedHosts implements Middleware {
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
            + "|\\[[0-9a-f:.]+\\]");

    /**
     * @param hosts        exact names and {@code *.domain} wildcards, lower case
     * @param allowMissing whether a request without {@code Host} passes (default no)
     */
    public record Config(List<String> hosts, boolean allowMissing) {
        /** Refuses an empty list, {@code *} alone and entries that are not host names. */
        public Config {
            hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("hosts: at least one allowed host is required");
            }
            for (String h : hosts) {
                if (h.equals("*")) {
                    throw new IllegalArgumentException("hosts: '*' allows every host; leave TrustedHosts out instead");
                }
                if (!NAME.matcher(h).matches()) {
                    throw new IllegalArgumentException("hosts: not a host name or *.domain wildcard: '" + h + "'");
                }
            }
        }
    }

    private final Config config;

    private TrustedHosts(Config config) {
        this.config = config;
    }

    /** @return a builder with no host yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this middleware's configuration */
    public Config config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            if (!(scope instanceof RequestScope rs)) {
                return next.call(scope, receive, send);
            }
            List<String> hosts = rs.headers().all("host");
            if (hosts.isEmpty()) {
                return config.allowMissing() ? next.call(scope, receive, send)
                        : Refusal.text(rs, send, 400, "Missing Host header");
            }
            if (hosts.size() > 1) {
                return Refusal.text(rs, send, 400, "More than one Host header");
            }
            return name(hosts.get(0)).filter(this::allowed).isPresent() ? next.call(scope, receive, send)
                    : Refusal.text(rs, send, 400, "Invalid Host header");
        };
    }

    /** @return the lower-case host name without port; empty when the value is not host[:port] */
    static Optional<String> name(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            name = h.substring(0, close + 1);
            String rest = h.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
                return Optional.empty();
            }
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            if (colon >= 0 && !h.substring(colon).matches(":[0-9]{1,5}")) {
                return Optional.empty();
            }
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);   // the root label: example.com. is example.com
            }
        }
        return name.startsWith("*") || !NAME.matcher(name).matches() ? Optional.empty() : Optional.of(name);
    }

    private boolean allowed(String name) {
        for (String entry : config.hosts()) {
            if (entry.startsWith("*.") ? name.endsWith(entry.substring(1)) : name.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Collects allowed hosts. Not thread-safe; build once. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private boolean allowMissing;

        private Builder() {
        }

        /**
         * @param host an exact name ({@code example.com}, {@code [::1]}) or a wildcard ({@code *.example.com})
         * @return this builder
         */
        public Builder allow(String host) {
            hosts.add(Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * @param allow whether a request without {@code Host} passes (default no; HTTP/1.1 requires one)
         * @return this builder
         */
        public Builder allowMissing(boolean allow) {
            allowMissing = allow;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalArgumentException naming {@code hosts} when the list is empty or an entry is not a name
         */
        public TrustedHosts build() {
            return new TrustedHosts(new Config(hosts, allowMissing));
        }
    }
}
