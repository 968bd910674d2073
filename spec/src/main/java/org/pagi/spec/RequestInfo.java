package org.pagi.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The request keys that {@code http}, {@code websocket} and {@code sse} scopes share.
 *
 * <p>Build one from a request head with {@link org.pagi.spec.server.ScopeFactory}, which both the server and
 * the test client use, so a test never sees a scope the server would not produce.
 *
 * @param httpVersion  {@code "1.0"}, {@code "1.1"} or {@code "2"}
 * @param method       the method token as sent; methods are case-sensitive and the standard ones upper case
 * @param scheme       {@code http}, {@code https}, {@code ws} or {@code wss}
 * @param path         the percent-decoded path (UTF-8; see {@code spec/docs/www.md} for the fallback)
 * @param rawPath      the path bytes exactly as sent
 * @param queryString  the bytes after {@code ?}, still percent-encoded; empty if none
 * @param rootPath     the mount point ({@code SCRIPT_NAME}); empty at the root
 * @param headers      the request headers, lower-case names, in order
 * @param client       the client's address, when known
 * @param server       the server's address, when known
 */
public record RequestInfo(
        String httpVersion,
        String method,
        String scheme,
        String path,
        Bytes rawPath,
        Bytes queryString,
        String rootPath,
        Headers headers,
        Optional<Endpoint> client,
        Optional<Endpoint> server) {

    private static final Set<String> VERSIONS = Set.of("1.0", "1.1", "2");
    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

    /** Validates every key. */
    public RequestInfo {
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(queryString, "queryString");
        Objects.requireNonNull(rootPath, "rootPath");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        if (!VERSIONS.contains(httpVersion)) {
            throw new IllegalArgumentException("httpVersion must be one of " + VERSIONS + ", got '" + httpVersion + "'");
        }
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("scheme must be one of " + SCHEMES + ", got '" + scheme + "'");
        }
        if (!isToken(method)) {
            throw new IllegalArgumentException("method must be an RFC 9110 token, got '" + method + "'");
        }
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!HeaderRules.isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return a copy with another path (root path and raw path unchanged) */
    public RequestInfo withPath(String newPath) {
        return new RequestInfo(httpVersion, method, scheme, newPath, rawPath, queryString, rootPath, headers, client, server);
    }

    /** @return a copy with another root path */
    public RequestInfo withRootPath(String newRootPath) {
        return new RequestInfo(httpVersion, method, scheme, path, rawPath, queryString, newRootPath, headers, client, server);
    }

    /** @return a copy with other headers */
    public RequestInfo withHeaders(Headers newHeaders) {
        return new RequestInfo(httpVersion, method, scheme, path, rawPath, queryString, rootPath, newHeaders, client, server);
    }

    /** @return a copy with another scheme and client address (as a trusted proxy reports them) */
    public RequestInfo withSchemeAndClient(String newScheme, Optional<Endpoint> newClient) {
        return new RequestInfo(httpVersion, method, newScheme, path, rawPath, queryString, rootPath, headers, newClient, server);
    }
}
