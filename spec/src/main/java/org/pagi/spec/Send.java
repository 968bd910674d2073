package org.pagi.spec;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.event.Event;

/**
 * Takes an outbound event from the application: {@code http.response.start}, {@code websocket.send}, ...
 *
 * <p>The stage completes when the server has taken the event (for a server, when the bytes are accepted by the
 * transport: this is how backpressure reaches the application). It completes exceptionally with
 * {@link org.pagi.spec.order.IllegalEventOrderException} when the event may not come next, and with
 * {@link IllegalArgumentException} for an event the scope cannot carry. After the client disconnected, a send
 * is a no-op: it completes normally and delivers nothing.
 */
@FunctionalInterface
public interface Send {

    /**
     * @param event the event to send
     * @return a stage that completes when the server has taken the event
     */
    CompletionStage<Void> send(Event event);
}
