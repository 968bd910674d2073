package org.pagi.spec;

import java.util.Map;
import java.util.Optional;

/**
 * The three scopes that start from an HTTP request head: {@code http}, {@code websocket} and {@code sse}.
 * Their request keys live in {@link RequestInfo}; the accessors here read through it.
 */
public sealed interface RequestScope extends Scope permits HttpScope, WebSocketScope, SseScope {

    /** @return the request keys: method, path, headers, addresses, ... */
    RequestInfo request();

    /** @return the capabilities the server advertises for this connection */
    Extensions extensions();

    /** @return the outbound flow-control handle ({@code pagi.transport}) */
    TransportFlow transport();

    /** @return custom scope keys set by middleware and applications (e.g. {@code "myapp.user"}) */
    Map<String, Object> attributes();

    /** @return the value of a custom scope key */
    default Optional<Object> attribute(String key) {
        return Optional.ofNullable(attributes().get(key));
    }

    /** @return {@code "1.0"}, {@code "1.1"} or {@code "2"} */
    default String httpVersion() {
        return request().httpVersion();
    }

    /** @return the upper-case method */
    default String method() {
        return request().method();
    }

    /** @return {@code http}, {@code https}, {@code ws} or {@code wss} */
    default String scheme() {
        return request().scheme();
    }

    /** @return the percent-decoded path */
    default String path() {
        return request().path();
    }

    /** @return the path bytes exactly as sent */
    default Bytes rawPath() {
        return request().rawPath();
    }

    /** @return the query string bytes after {@code ?}, still percent-encoded */
    default Bytes queryString() {
        return request().queryString();
    }

    /** @return the mount point of the application ({@code SCRIPT_NAME}) */
    default String rootPath() {
        return request().rootPath();
    }

    /** @return the request headers */
    default Headers headers() {
        return request().headers();
    }

    /** @return the client's address, when known */
    default Optional<Endpoint> client() {
        return request().client();
    }

    /** @return the server's address, when known */
    default Optional<Endpoint> server() {
        return request().server();
    }

    /** @return a copy of this scope with one custom key set */
    RequestScope withAttribute(String key, Object value);

    /** @return a copy of this scope with another request part (for example a rewritten path) */
    RequestScope withRequest(RequestInfo request);
}
