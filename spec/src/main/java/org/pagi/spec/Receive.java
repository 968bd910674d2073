package org.pagi.spec;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.event.Event;

/**
 * Yields the next inbound event for a connection: {@code http.request}, {@code websocket.receive},
 * {@code http.disconnect}, ...
 *
 * <p>Each call takes the next event; events are never delivered twice. Calls must not overlap: wait for one
 * stage before asking again. After a disconnect event every further call yields a disconnect event again.
 */
@FunctionalInterface
public interface Receive {

    /** @return a stage that completes with the next inbound event */
    CompletionStage<Event> receive();

}
