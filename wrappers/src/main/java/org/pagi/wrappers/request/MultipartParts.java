package org.pagi.wrappers.request;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A multipart body streamed part by part, with backpressure: body chunks are received only as the parts'
 * data is asked for, and {@link #next} moves on only after the previous part was read to its end or skipped
 * (a part left half-read is skipped for you). The {@link BodyLimits} part limits apply as data passes (413 at
 * the first byte over); nothing is stored. One consumer at a time.
 */
public final class MultipartParts {

    private final MultipartPump pump;
    private MultipartPart current;
    private boolean ended;

    MultipartParts(MultipartPump pump) {
        this.pump = pump;
    }

    /**
     * @return the next part, or empty after the last one; fails with {@link BadRequestException} for a malformed
     *     body, {@link PayloadTooLargeException} over a limit, {@link ClientDisconnectedException}
     */
    public CompletionStage<Optional<MultipartPart>> next() {
        if (ended) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (current != null && !current.isFinished()) {
            return current.skip().thenCompose(v -> next());
        }
        return pump.next().thenApply(event -> switch (event) {
            case MultipartEvent.PartStart start -> {
                current = new MultipartPart(start, pump);
                yield Optional.of(current);
            }
            case MultipartEvent.End end -> {
                ended = true;
                yield Optional.<MultipartPart>empty();
            }
            default -> throw new IllegalStateException("multipart event out of order: " + event);
        });
    }
}
