package org.pagi.spec.event;

/** The events of an {@code http} scope. */
public sealed interface HttpEvent extends Event permits HttpRequest, HttpDisconnect, HttpResponseStart,
        HttpResponseBodyEvent, HttpResponseTrailers, HttpFullFlush {
}
