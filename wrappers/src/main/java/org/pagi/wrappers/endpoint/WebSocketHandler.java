package org.pagi.wrappers.endpoint;

import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.websocket.WebSocket;

/** A WebSocket handler in the async mode: it accepts (or denies) and talks through the stages of the socket. */
@FunctionalInterface
public interface WebSocketHandler {

    /** @return completes when the handler is done with the session */
    CompletionStage<?> handle(WebSocket ws);
}
