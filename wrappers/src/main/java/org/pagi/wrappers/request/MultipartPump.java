package org.pagi.wrappers.request;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Pulls body chunks through a {@link MultipartParser} one event at a time (a chunk is received only when the
 * events of the previous one are used up) and enforces the part limits of {@link BodyLimits} as events pass:
 * the first event over a limit fails with {@link PayloadTooLargeException}, before its bytes go anywhere; so does
 * the chunk that takes the whole body past {@code maxBodyBytes}. Used by one caller at a time.
 */
final class MultipartPump {

    private final BodyChunks chunks;
    private final MultipartParser parser;
    private final BodyLimits limits;
    private final ArrayDeque<MultipartEvent> pending = new ArrayDeque<>();
    private int files;
    private int fields;
    private MultipartEvent.PartStart current;
    private long currentSize;
    private long total;

    MultipartPump(BodyChunks chunks, String boundary, BodyLimits limits) {
        this.chunks = chunks;
        this.parser = new MultipartParser(boundary, MultipartParser.DEFAULT_MAX_HEADER_BYTES);
        this.limits = limits;
    }

    /** The next event; {@link MultipartEvent.End} last. Fails with the parser's or a limit's exception. */
    CompletionStage<MultipartEvent> next() {
        MultipartEvent event = pending.poll();
        if (event != null) {
            try {
                return CompletableFuture.completedFuture(check(event));
            } catch (RequestException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return chunks.next().thenCompose(chunk -> {
            if (chunk.isEmpty()) {
                parser.finish();
                return CompletableFuture.completedFuture(new MultipartEvent.End());
            }
            total += chunk.get().length();
            if (total > limits.maxBodyBytes()) { // checked before the chunk is parsed: its bytes go nowhere
                return CompletableFuture.failedFuture(new PayloadTooLargeException("multipart body exceeds "
                        + limits.maxBodyBytes() + " bytes (maxBodyBytes)"));
            }
            pending.addAll(parser.feed(chunk.get()));
            return next();
        });
    }

    private MultipartEvent check(MultipartEvent event) {
        switch (event) {
            case MultipartEvent.PartStart start -> {
                current = start;
                currentSize = 0;
                if (start.filename().isPresent() && ++files > limits.maxFiles()) {
                    throw new PayloadTooLargeException("multipart body has more than " + limits.maxFiles()
                            + " files (maxFiles)");
                }
                if (start.filename().isEmpty() && ++fields > limits.maxFields()) {
                    throw new PayloadTooLargeException("multipart body has more than " + limits.maxFields()
                            + " fields (maxFields)");
                }
            }
            case MultipartEvent.Data data -> {
                currentSize += data.bytes().length();
                boolean file = current.filename().isPresent();
                long max = file ? limits.maxFileBytes() : limits.maxFieldBytes();
                if (currentSize > max) {
                    throw new PayloadTooLargeException((file ? "uploaded file" : "form field") + " '"
                            + current.name() + "' exceeds " + max + " bytes (" + (file ? "maxFileBytes" : "maxFieldBytes")
                            + ")");
                }
            }
            default -> {
            }
        }
        return event;
    }
}
