package org.pagi.wrappers.request;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/** One part of a streamed multipart body (see {@link MultipartParts}): its head, then its data chunk by chunk. */
public final class MultipartPart {

    private final MultipartEvent.PartStart head;
    private final MultipartPump pump;
    private boolean finished;

    MultipartPart(MultipartEvent.PartStart head, MultipartPump pump) {
        this.head = head;
        this.pump = pump;
    }

    /** The form field name. */
    public String name() {
        return head.name();
    }

    /** The filename as sent; present for a file part. */
    public Optional<String> rawFilename() {
        return head.filename();
    }

    /** The filename made safe for a path (see {@link UploadedFile#filename()}); present for a file part. */
    public Optional<String> filename() {
        return head.filename().map(UploadedFile::sanitise);
    }

    /** Whether this part is a file (it has a filename). */
    public boolean isFile() {
        return head.filename().isPresent();
    }

    /** The part's Content-Type, if it gave one. */
    public Optional<String> contentType() {
        return head.contentType();
    }

    /** The part's header fields. */
    public Headers headers() {
        return head.headers();
    }

    /** @return the next chunk of this part's data, or empty at its end (and after) */
    public synchronized CompletionStage<Optional<Bytes>> next() {
        if (finished) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return pump.next().thenApply(event -> {
            synchronized (this) {
                return switch (event) {
                    case MultipartEvent.Data data -> Optional.of(data.bytes());
                    case MultipartEvent.PartEnd end -> {
                        finished = true;
                        yield Optional.<Bytes>empty();
                    }
                    default -> throw new IllegalStateException("multipart event out of order: " + event);
                };
            }
        });
    }

    /** Reads and drops the rest of this part's data (still under the limits). */
    public CompletionStage<Void> skip() {
        return next().thenCompose(chunk -> chunk.isPresent() ? skip() : CompletableFuture.completedFuture(null));
    }

    synchronized boolean isFinished() {
        return finished;
    }

    @Override
    public String toString() {
        return "MultipartPart[" + name() + head.filename().map(f -> ", " + f).orElse("") + "]";
    }
}
