package org.pagi.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scope of one WebSocket: {@code type = "websocket"}, for the whole session from handshake to close.
 *
 * @param pagi          spec versions
 * @param request       the handshake request: path, headers (all handshake headers), addresses, ...
 * @param subprotocols  the client's offered subprotocols, split on commas and trimmed; empty if none
 * @param state         this session's shallow copy of the lifespan state
 * @param extensions    capabilities advertised for this connection
 * @param transport     {@code pagi.transport}: outbound flow control
 * @param attributes    custom keys set by middleware and applications
 */
public record WebSocketScope(
        PagiInfo pagi,
        RequestInfo request,
        List<String> subprotocols,
        State state,
        Extensions extensions,
        TransportFlow transport,
        Map<String, Object> attributes) implements RequestScope {
    /** The scope type string. */
    public static final String TYPE = "websocket";

    /** Checks for nulls and freezes the lists. */
    public WebSocketScope {
        Objects.requireNonNull(pagi, "pagi");
        Objects.requireNonNull(request, "request");
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(transport, "transport");
        attributes = ScopeRules.copyOf(attributes);
        ScopeRules.checkTls(extensions, request);
        if (!request.scheme().startsWith("ws")) {
            throw new IllegalArgumentException("a websocket scope has scheme ws or wss, got " + request.scheme());
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public WebSocketScope withAttribute(String key, Object value) {
        return new WebSocketScope(pagi, request, subprotocols, state, extensions, transport,
                ScopeRules.with(attributes, key, value));
    }

    @Override
    public WebSocketScope withRequest(RequestInfo newRequest) {
        return new WebSocketScope(pagi, newRequest, subprotocols, state, extensions, transport, attributes);
    }
}
