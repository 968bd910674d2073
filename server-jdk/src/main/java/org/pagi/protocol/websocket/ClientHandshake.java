package org.pagi.protocol.websocket;

import java.util.List;
import java.util.Optional;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * The client's half of the opening handshake (RFC 6455 section 4.1), for the test client and the compliance
 * suite: the upgrade request, and the checks a client makes of the {@code 101} answer. Stateless.
 */
final class ClientHandshake {
    private ClientHandshake() {
    }

    static byte[] request(String hostHeader, String target, String key, List<String> subprotocols,
            boolean offerDeflate, Headers extraHeaders) {
        subprotocols.forEach(p -> WebSocketHandshake.requireToken("subprotocol", p));
        Headers.Builder h = Headers.builder().add("host", hostHeader).add("upgrade", "websocket")
                .add("connection", "Upgrade").add("sec-websocket-key", key).add("sec-websocket-version", "13");
        if (!subprotocols.isEmpty()) {
            h.add("sec-websocket-protocol", String.join(", ", subprotocols));
        }
        if (offerDeflate) {
            h.add("sec-websocket-extensions", DeflateParams.defaults().offerHeaderValue());
        }
        h.addAll(extraHeaders);
        return Http1Writer.requestHead("GET", Bytes.ascii(target), h.build());
    }

    static Optional<String> verifyResponse(int status, Headers headers, String key) {
        if (status != 101) {
            return Optional.of("expected status 101 Switching Protocols, got " + status);
        }
        // Section 4.1, steps 2-4 of the client's checks: the Upgrade, Connection and Sec-WebSocket-Accept fields.
        if (!hasToken(headers.all("upgrade"), "websocket")) {
            return Optional.of("the response's Upgrade header does not name websocket (RFC 6455 section 4.1)");
        }
        if (!hasToken(headers.all("connection"), "upgrade")) {
            return Optional.of("the response's Connection header does not name upgrade (RFC 6455 section 4.1)");
        }
        List<String> accept = headers.all("sec-websocket-accept");
        if (accept.size() != 1 || !accept.get(0).trim().equals(WebSocketHandshake.acceptKey(key))) {
            return Optional.of("the response's Sec-WebSocket-Accept does not match the key (RFC 6455 section 4.1)");
        }
        return Optional.empty();
    }

    /** @return whether any of the comma-separated values holds {@code token}, ignoring case */
    private static boolean hasToken(List<String> values, String token) {
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
