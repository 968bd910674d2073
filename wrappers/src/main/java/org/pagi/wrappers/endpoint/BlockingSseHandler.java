package org.pagi.wrappers.endpoint;

import org.pagi.wrappers.sse.BlockingSse;

/** An SSE handler in the blocking mode: it runs on its own virtual thread; returning ends a started stream. */
@FunctionalInterface
public interface BlockingSseHandler {

    /** @throws Exception anything it does not handle; the call fails */
    void handle(BlockingSse sse) throws Exception;
}
