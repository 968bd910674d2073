package org.pagi.spec.event;

/**
 * The three forms of {@code http.response.body}: bytes ({@link HttpResponseBody}), a file the server opens
 * ({@link HttpResponseFile}) and an open channel the application owns ({@link HttpResponseChannel}).
 */
public sealed interface HttpResponseBodyEvent extends HttpEvent, SendEvent
        permits HttpResponseBody, HttpResponseFile, HttpResponseChannel {

    /** @return whether more body events follow; file and channel bodies are always final */
    boolean more();

    @Override
    default EventType kind() {
        return EventType.HTTP_RESPONSE_BODY;
    }
}
