package org.pagi.wrappers.request;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;

/**
 * A request body one {@code http.request} event at a time. Nothing is received until {@link #next} is called,
 * so a slow consumer holds the client back (backpressure). Empty events are skipped. Not limited by
 * {@link BodyLimits}: the caller decides what to keep.
 */
@FunctionalInterface
public interface BodyChunks {

    /**
     * @return the next non-empty chunk, or empty at the end of the body; fails with
     *     {@link ClientDisconnectedException} when the client went away
     */
    CompletionStage<Optional<Bytes>> next();
}
