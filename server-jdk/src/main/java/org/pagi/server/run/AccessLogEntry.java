package org.pagi.server.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Endpoint;
import org.pagi.spec.Headers;

/**
 * What the access log knows about one finished request.
 *
 * @param client         the client address as the scope reports it (after trusted proxy headers)
 * @param start          when the request head arrived
 * @param method         the request method
 * @param target         the request target as sent (path and query)
 * @param httpVersion    {@code "1.0"} or {@code "1.1"}
 * @param status         the response status; 0 if none was sent
 * @param bodyBytes      response body bytes written
 * @param duration       from the request head to the end of the response
 * @param requestHeaders the request headers (referer, user-agent, ...)
 * @param scopeType      {@code http}, {@code websocket} or {@code sse}
 */
public record AccessLogEntry(Optional<Endpoint> client, Instant start, String method, String target,
        String httpVersion, int status, long bodyBytes, Duration duration, Headers requestHeaders, String scopeType) {
    /** Checks for nulls. */
    public AccessLogEntry {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(requestHeaders, "requestHeaders");
        Objects.requireNonNull(scopeType, "scopeType");
    }
}
