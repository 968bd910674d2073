package org.pagi.examples.support;

import java.util.List;
import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * An HTTP request as a plain value, independent of the transport that carries it.
 *
 * @param method  the method token
 * @param path    the path, possibly with a query string
 * @param headers request headers beyond what every client sends ({@code host}, framing)
 * @param body    the body pieces: none for no body, one for a body sent with {@code content-length}, several for
 *                a body sent chunked, one piece per chunk
 */
public record ExampleRequest(String method, String path, Headers headers, List<Bytes> body) {

    /** Copies the body list; a null component is refused. */
    public ExampleRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = List.copyOf(body);
    }

    /** @return a GET of {@code path} with no body */
    public static ExampleRequest get(String path) {
        return new ExampleRequest("GET", path, Headers.empty(), List.of());
    }

    /** @return a POST of {@code body} to {@code path}, sent with {@code content-length} */
    public static ExampleRequest post(String path, Bytes body) {
        return new ExampleRequest("POST", path, Headers.empty(), List.of(body));
    }

    /** @return this request with one more header */
    public ExampleRequest withHeader(String name, String value) {
        return new ExampleRequest(method, path, headers.with(name, value), body);
    }

    /** @return this request with its body sent chunked, one chunk per piece */
    public ExampleRequest withBodyChunks(List<Bytes> pieces) {
        return new ExampleRequest(method, path, headers, pieces);
    }
}
