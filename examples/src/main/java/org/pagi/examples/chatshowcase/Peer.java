package org.pagi.examples.chatshowcase;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where a chat session's messages go: one open WebSocket, whichever way its handler is written. The showcase
 * sends raw {@code websocket.send} events, websocket-chat-v2 the wrappers' {@code WebSocket.sendJson}.
 */
@FunctionalInterface
public interface Peer {
    /**
     * Sends {@code message} as a JSON text message.
     *
     * @return completes when sent; may fail when the socket has gone (the chat ignores that: its leaving is
     *     handled by the socket's handler)
     */
    CompletionStage<Void> send(Map<String, Object> message);
}
