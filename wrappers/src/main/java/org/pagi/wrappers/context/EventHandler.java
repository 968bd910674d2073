package org.pagi.wrappers.context;

import java.util.concurrent.CompletionStage;
import org.pagi.spec.event.Event;

/**
 * An async handler for events that {@link Context#run()} dispatches. The stage it returns is awaited before the
 * next handler or event; a throw or a failed stage goes to the {@link Context#onError} handlers.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * @param event the event as {@code receive} gave it: one of the spec's records, or an
     *     {@link org.pagi.spec.event.ExtensionEvent}
     * @return a stage that completes when the handler is done
     */
    CompletionStage<?> handle(Event event);
}
