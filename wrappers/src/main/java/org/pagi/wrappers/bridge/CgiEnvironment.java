package org.pagi.wrappers.bridge;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Header;
import org.pagi.spec.HttpScope;

/**
 * The RFC 3875 meta-variables of one request, with nothing else of the server's environment but the variables
 * the {@link CgiApp} was told to pass.
 *
 * <p>Request headers become {@code HTTP_*} variables, except: {@code Content-Type} and {@code Content-Length}
 * (they have their own), {@code Proxy} (httpoxy, CVE-2016-5385: a script's HTTP library would read
 * {@code HTTP_PROXY} as its outgoing proxy), credentials ({@code Authorization}, {@code Proxy-Authorization}) unless
 * asked for (RFC 3875 section 4.1.18), and any name with a character other than a letter, digit or {@code -}
 * (with {@code _} allowed, {@code X-Foo} and {@code X_Foo} would reach the script as the same variable).
 */
final class CgiEnvironment {
    private static final Set<String> OWN_VARIABLE = Set.of("content-type", "content-length");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization");

    private CgiEnvironment() {
    }

    /**
     * @throws IllegalArgumentException naming the variable when a value holds a NUL, which no environment can carry
     */
    static Map<String, String> of(HttpScope scope, Map<String, String> base, boolean passAuthorization) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_SOFTWARE", "pagi-java");
        env.put("SERVER_PROTOCOL", "HTTP/" + scope.httpVersion());
        env.put("REQUEST_METHOD", scope.method());
        env.put("SCRIPT_NAME", scope.rootPath());
        env.put("PATH_INFO", scope.path());
        env.put("QUERY_STRING", scope.queryString().latin1());
        String query = scope.queryString().isEmpty() ? "" : "?" + scope.queryString().latin1();
        env.put("REQUEST_URI", scope.rawPath().latin1() + query);
        env.put("REQUEST_SCHEME", scope.scheme());
        if (scope.scheme().equals("https")) {
            env.put("HTTPS", "on");
        }
        serverNameAndPort(scope, env);
        String remote = scope.client().map(Endpoint::host).orElse("");
        env.put("REMOTE_ADDR", remote);
        env.put("REMOTE_HOST", remote); // RFC 3875 4.1.9: the address when the name is not looked up (never here)
        scope.client().flatMap(c -> c.port().isPresent() ? Optional.of(c.port().getAsInt()) : Optional.empty())
                .ifPresent(p -> env.put("REMOTE_PORT", Integer.toString(p)));
        scope.headers().first("content-length").ifPresent(v -> env.put("CONTENT_LENGTH", v.trim()));
        scope.headers().first("content-type").ifPresent(v -> env.put("CONTENT_TYPE", v));
        for (Header h : scope.headers()) {
            String name = h.name();
            if (OWN_VARIABLE.contains(name) || name.equals("proxy") || !plainName(name)
                    || (!passAuthorization && CREDENTIALS.contains(name))) {
                continue;
            }
            String key = "HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
            env.merge(key, h.text(), (a, b) -> a + ", " + b);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException(e.getKey() + " would hold a NUL byte, which a CGI environment"
                        + " cannot carry");
            }
        }
        return env;
    }

    private static boolean plainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** SERVER_NAME and SERVER_PORT from the {@code Host} header, else the server's address, else the defaults. */
    private static void serverNameAndPort(HttpScope scope, Map<String, String> env) {
        String defaultPort = scope.scheme().equals("https") ? "443" : "80";
        Optional<String> host = scope.headers().first("host").map(String::trim).filter(h -> !h.isEmpty());
        if (host.isPresent()) {
            String h = host.get();
            int close = h.lastIndexOf(']');
            int colon = h.lastIndexOf(':');
            if (colon > close) {
                env.put("SERVER_NAME", h.substring(0, colon));
                env.put("SERVER_PORT", h.substring(colon + 1));
            } else {
                env.put("SERVER_NAME", h);
                env.put("SERVER_PORT", defaultPort); // the port of the URL the client asked for
            }
            return;
        }
        env.put("SERVER_NAME", scope.server().map(Endpoint::host).orElse("localhost"));
        env.put("SERVER_PORT", scope.server().flatMap(s -> s.port().isPresent()
                ? Optional.of(Integer.toString(s.port().getAsInt())) : Optional.empty()).orElse(defaultPort));
    }
}
