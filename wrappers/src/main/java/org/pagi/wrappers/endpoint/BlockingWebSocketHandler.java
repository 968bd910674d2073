package org.pagi.wrappers.endpoint;

import org.pagi.wrappers.websocket.BlockingWebSocket;

/** A WebSocket handler in the blocking mode: it runs on its own virtual thread and returns when it is done. */
@FunctionalInterface
public interface BlockingWebSocketHandler {

    /** @throws Exception anything it does not handle; the call fails */
    void handle(BlockingWebSocket ws) throws Exception;
}
