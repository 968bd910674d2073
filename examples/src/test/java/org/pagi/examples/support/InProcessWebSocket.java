package org.pagi.examples.support;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.WebSocketSession;

/**
 * {@link ExampleWebSocket} over the test client's {@link WebSocketSession}: closing waits for the application to
 * return, and rethrows what it failed with. Used from one test thread.
 */
final class InProcessWebSocket implements ExampleWebSocket {
    private final WebSocketSession session;

    InProcessWebSocket(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public Optional<String> subprotocol() {
        return session.subprotocol();
    }

    @Override
    public void sendText(String text) {
        session.sendText(text);
    }

    @Override
    public void sendBytes(Bytes bytes) {
        session.sendBytes(bytes);
    }

    @Override
    public WebSocketMessage receive() {
        return session.receive();
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason);
    }

    @Override
    public void disconnect() {
        session.disconnect();
    }
}
