package org.pagi.spec;

import java.util.Map;
import java.util.Objects;

/**
 * The scope of one HTTP request: {@code type = "http"}. One per request, even on a keep-alive connection.
 *
 * @param pagi        spec versions
 * @param request     method, path, headers, addresses, ...
 * @param state       this request's shallow copy of the lifespan state
 * @param extensions  capabilities advertised for this connection
 * @param connection  {@code pagi.connection}: disconnect detection and response progress
 * @param transport   {@code pagi.transport}: outbound flow control
 * @param attributes  custom keys set by middleware and applications
 */
public record HttpScope(
        PagiInfo pagi,
        RequestInfo request,
        State state,
        Extensions extensions,
        ConnectionState connection,
        TransportFlow transport,
        Map<String, Object> attributes) implements RequestScope {
    /** The scope type string. */
    public static final String TYPE = "http";

    /** Checks for nulls and freezes the attributes. */
    public HttpScope {
        Objects.requireNonNull(pagi, "pagi");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(transport, "transport");
        attributes = ScopeRules.copyOf(attributes);
        ScopeRules.checkTls(extensions, request);
        if (request.scheme().startsWith("ws")) {
            throw new IllegalArgumentException("an http scope has scheme http or https, got " + request.scheme());
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HttpScope withAttribute(String key, Object value) {
        return new HttpScope(pagi, request, state, extensions, connection, transport,
                ScopeRules.with(attributes, key, value));
    }

    @Override
    public HttpScope withRequest(RequestInfo newRequest) {
        return new HttpScope(pagi, newRequest, state, extensions, connection, transport, attributes);
    }
}
