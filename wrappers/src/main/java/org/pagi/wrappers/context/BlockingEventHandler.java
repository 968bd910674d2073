package org.pagi.wrappers.context;

import org.pagi.spec.event.Event;

/**
 * A handler that may block, for the blocking views' {@code on} and {@code onDefault}. Under the blocking
 * {@code run()} it runs on the thread that called it; under the async {@link Context#run()} on a virtual thread of
 * its own, awaited before the next handler or event. What it throws goes to the error handlers.
 */
@FunctionalInterface
public interface BlockingEventHandler {

    /** @param event the event as {@code receive} gave it */
    void handle(Event event) throws Exception;
}
