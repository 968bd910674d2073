package org.pagi.spec;

import java.util.Map;
import java.util.Objects;

/**
 * The scope of one Server-Sent Events stream: {@code type = "sse"}. The server chooses it for a request whose
 * {@code Accept} header includes {@code text/event-stream} (any method) and that is not a WebSocket upgrade.
 *
 * @param pagi        spec versions
 * @param request     method, path, headers, addresses, ...
 * @param state       this stream's shallow copy of the lifespan state
 * @param extensions  capabilities advertised for this connection
 * @param transport   {@code pagi.transport}: outbound flow control
 * @param attributes  custom keys set by middleware and applications
 */
public record SseScope(
        PagiInfo pagi,
        RequestInfo request,
        State state,
        Extensions extensions,
        TransportFlow transport,
        Map<String, Object> attributes) implements RequestScope {
    /** The scope type string. */
    public static final String TYPE = "sse";

    /** Checks for nulls and freezes the attributes. */
    public SseScope {
        Objects.requireNonNull(pagi, "pagi");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(transport, "transport");
        attributes = ScopeRules.copyOf(attributes);
        ScopeRules.checkTls(extensions, request);
        if (request.scheme().startsWith("ws")) {
            throw new IllegalArgumentException("an sse scope has scheme http or https, got " + request.scheme());
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SseScope withAttribute(String key, Object value) {
        return new SseScope(pagi, request, state, extensions, transport, ScopeRules.with(attributes, key, value));
    }

    @Override
    public SseScope withRequest(RequestInfo newRequest) {
        return new SseScope(pagi, newRequest, state, extensions, transport, attributes);
    }
}
