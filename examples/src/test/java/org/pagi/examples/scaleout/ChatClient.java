package org.pagi.examples.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.pagi.compliance.blackbox.CaseFailed;
import org.pagi.compliance.blackbox.Target;
import org.pagi.compliance.blackbox.WebSocketConnection;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.spec.event.WebSocketMessage;

/** One chat user over a WebSocket through the load balancer: which instance took it, and its JSON messages. */
final class ChatClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketConnection ws;

    private ChatClient(WebSocketConnection ws) {
        this.ws = ws;
    }

    /** Connects and reads the welcome. */
    static ChatClient connect(Target target) throws IOException {
        ChatClient c = new ChatClient(WebSocketConnection.open(target, "/chat"));
        c.next("welcome");
        return c;
    }

    /** @return the instance that accepted the WebSocket */
    String instance() {
        return ws.headers().first("x-instance").orElse("?");
    }

    void say(String text) throws IOException {
        ws.sendText(JSON.createObjectNode().put("type", "message").put("message", text).toString());
    }

    /** @return the next message of {@code type}, skipping the others (joins and leaves of other users) */
    JsonNode next(String type) throws IOException {
        while (true) {
            if (ws.message() instanceof WebSocketMessage.Text t) {
                JsonNode m = JSON.readTree(t.text());
                if (type.equals(m.path("type").asText())) {
                    return m;
                }
            }
        }
    }

    /**
     * Reads until the connection ends.
     *
     * @return true when TCP ended or a close arrived; false when the connection stayed open and silent for the
     *     target's whole timeout
     */
    boolean dropped() {
        try {
            while (true) {
                if (ws.next() instanceof WsEvent.Close) {
                    return true;
                }
            }
        } catch (CaseFailed e) {
            return !e.getMessage().startsWith("no frame from the server within");
        } catch (IOException ended) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        ws.close();
    }
}
