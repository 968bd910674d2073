package org.pagi.wrappers.endpoint;

import java.util.concurrent.CompletionStage;
import org.pagi.wrappers.sse.Sse;

/** An SSE handler in the async mode: it starts (or declines) the stream and sends through its stages. */
@FunctionalInterface
public interface SseHandler {

    /** @return completes when the handler is done with the stream (returning ends a started stream) */
    CompletionStage<?> handle(Sse sse);
}
