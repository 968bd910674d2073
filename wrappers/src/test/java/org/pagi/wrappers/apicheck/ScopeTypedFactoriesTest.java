package org.pagi.wrappers.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pagi.spec.Application;
import org.pagi.spec.UnsupportedScopeException;
import org.pagi.testing.TestClient;
import org.pagi.testing.WebSocketHandshake;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.sse.Sse;

/**
 * {@code Request.of} and {@code Sse.of} take the {@code Scope} a handler receives, as {@code WebSocket.of} does
 * (the right scope type is what {@link NewUserApiTest} runs), and refuse another scope type naming it.
 */
@Timeout(30)
class ScopeTypedFactoriesTest {

    @Test
    void requestOfRefusesAWebSocketScope() {
        StringBuilder refusal = new StringBuilder();
        Application app = (scope, receive, send) -> {
            refusal.append(assertThrows(UnsupportedScopeException.class, () -> Request.of(scope, receive))
                    .getMessage());
            return org.pagi.wrappers.websocket.WebSocket.of(scope, receive, send).close();
        };
        WebSocketHandshake handshake = TestClient.of(app).websocket("/").tryConnect();
        assertTrue(handshake instanceof WebSocketHandshake.Denied, handshake.toString());
        assertTrue(refusal.toString().contains("websocket"), refusal.toString());
    }

    @Test
    void sseOfRefusesAnHttpScope() {
        Application app = (scope, receive, send) -> {
            UnsupportedScopeException e = assertThrows(UnsupportedScopeException.class,
                    () -> Sse.of(scope, receive, send));
            return Response.text(e.getMessage()).withStatus(400).respond(scope, send);
        };
        var response = TestClient.of(app).get("/").send();
        assertEquals(400, response.status());
        assertTrue(response.text().contains("http"), response.text());
    }
}
