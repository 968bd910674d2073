package org.pagi.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.pagi.spec.Header;
import org.pagi.spec.WebSocketScope;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.RequestHead;
import org.pagi.spec.server.ScopeFactory;

/**
 * One WebSocket handshake of the {@link TestClient}: a GET carrying the upgrade headers a browser sends, so
 * {@link ScopeFactory} gives it a {@code websocket} scope, then {@link #connect()} for the open session.
 *
 * <pre>{@code
 * try (WebSocketSession ws = client.websocket("/chat").subprotocols("chat.v2").connect()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe; use one builder per handshake.
 */
public final class WebSocketRequestBuilder extends RequestBuilderBase<WebSocketRequestBuilder> {
    /** RFC 6455 section 4.1: the key is 16 random bytes, base64-encoded. */
    private static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> subprotocols = new ArrayList<>();

    WebSocketRequestBuilder(TestClient client, String path) {
        super(client, "GET", path);
    }

    /**
     * Offers subprotocols, in order of preference ({@code sec-websocket-protocol}); the scope lists them and the
     * application may choose one in {@code websocket.accept}.
     *
     * @throws IllegalArgumentException for a name that is not an RFC 9110 token (RFC 6455 section 4.1)
     */
    public WebSocketRequestBuilder subprotocols(String... names) {
        for (String name : names) {
            boolean token = !name.isEmpty()
                    && name.chars().allMatch(c -> c > ' ' && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
            if (!token) {
                throw new IllegalArgumentException("a subprotocol must be an RFC 9110 token, got '" + name + "'");
            }
            subprotocols.add(name);
        }
        return this;
    }

    /**
     * Runs the handshake and expects the application to accept it.
     *
     * @return the open WebSocket
     * @throws WebSocketDeniedException if the application refused it, with the response the client received
     * @throws PagiTestTimeoutException if the application does not answer in time
     * @throws org.pagi.spec.order.IllegalEventOrderException if it sends something else first
     */
    public WebSocketSession connect() {
        return switch (tryConnect()) {
            case WebSocketHandshake.Accepted accepted -> accepted.session();
            case WebSocketHandshake.Denied denied -> throw new WebSocketDeniedException(denied);
        };
    }

    /**
     * Runs the handshake and returns the application's answer, for tests that expect a refusal. After a
     * refusal it has also waited for the application to return.
     *
     * @throws PagiTestTimeoutException if the application does not answer in time
     * @throws org.pagi.spec.order.IllegalEventOrderException if it sends something else first
     */
    public WebSocketHandshake tryConnect() {
        RequestHead head = head(handshakeHeaders());
        ScopeFactory.Kind kind = ScopeFactory.classify(head);
        if (kind != ScopeFactory.Kind.WEBSOCKET) {
            // Unreachable while the upgrade headers are added above; kept so the scope is always the server's.
            throw new IllegalStateException("a server gives this handshake a " + kind + " scope, not websocket");
        }
        WebSocketScope scope = ScopeFactory.websocket(requestInfo(head, kind), client.state(), client.extensions(),
                new FlowTracker());
        return WebSocketCall.start(client, scope).handshake();
    }

    private List<Header> handshakeHeaders() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        List<Header> h = new ArrayList<>();
        h.add(Header.of("upgrade", "websocket"));
        h.add(Header.of("connection", "upgrade"));
        h.add(Header.of("sec-websocket-key", Base64.getEncoder().encodeToString(key)));
        h.add(Header.of("sec-websocket-version", "13"));
        if (!subprotocols.isEmpty()) {
            h.add(Header.of("sec-websocket-protocol", String.join(", ", subprotocols)));
        }
        return h;
    }
}
