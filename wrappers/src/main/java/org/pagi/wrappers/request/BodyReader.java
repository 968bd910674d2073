package org.pagi.wrappers.request;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;

/**
 * The one owner of a request's {@code receive}: either reads the whole body once and caches it (later reads
 * replay the cache), or hands it out as a stream of chunks. Mixing is refused: after a stream a whole read fails
 * at once; after a whole read a stream replays the cache as one chunk.
 */
final class BodyReader {

    private enum Mode { UNREAD, READING, CACHED, STREAMING }

    private final Receive receive;
    private Mode mode = Mode.UNREAD;
    private Bytes cache;
    private CompletableFuture<Bytes> whole;
    private boolean streamDone;
    private long streamed;

    BodyReader(Receive receive) {
        this.receive = Objects.requireNonNull(receive, "receive");
    }

    synchronized boolean isCached() {
        return mode == Mode.CACHED;
    }

    /** The whole body, at most {@code limit} bytes; a second call reuses the first read. */
    synchronized CompletionStage<Bytes> readAll(long limit) {
        switch (mode) {
            case STREAMING -> {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "the request body was already consumed as a stream (chunks(), parts() or multipart());"
                                + " it cannot be read whole"));
            }
            case CACHED -> {
                return cache.length() > limit
                        ? CompletableFuture.failedFuture(tooLarge(cache.length(), limit))
                        : CompletableFuture.completedFuture(cache);
            }
            case READING -> {
                return whole.thenCompose(b -> readAll(limit));
            }
            default -> {
                mode = Mode.READING;
                whole = new CompletableFuture<>();
                CompletableFuture<Bytes> mine = whole;
                accumulate(new ByteArrayOutputStream(), limit).whenComplete((bytes, failure) -> {
                    synchronized (this) {
                        if (failure == null) {
                            cache = bytes;
                            mode = Mode.CACHED;
                        } else {
                            // What was read is gone; a later whole read cannot replay it.
                            mode = Mode.STREAMING;
                        }
                    }
                    if (failure == null) {
                        mine.complete(bytes);
                    } else {
                        mine.completeExceptionally(unwrap(failure));
                    }
                });
                return mine;
            }
        }
    }

    private CompletionStage<Bytes> accumulate(ByteArrayOutputStream into, long limit) {
        return receive.receive().thenCompose(event -> {
            Bytes chunk = chunkOf(event, into.size());
            if (into.size() + (long) chunk.length() > limit) {
                // Stop here: the crossing chunk is counted, never stored, and nothing more is requested.
                throw tooLarge(into.size() + (long) chunk.length(), limit);
            }
            into.write(chunk.toByteArray(), 0, chunk.length());
            return ((HttpRequest) event).more()
                    ? accumulate(into, limit)
                    : CompletableFuture.completedFuture(Bytes.of(into.toByteArray()));
        });
    }

    /** Starts a stream: the next chunk is received only when {@link BodyChunks#next()} is called. */
    synchronized BodyChunks chunks() {
        switch (mode) {
            case CACHED -> {
                Bytes replay = cache;
                boolean[] given = {replay.isEmpty()};
                return () -> {
                    synchronized (given) {
                        Optional<Bytes> out = given[0] ? Optional.empty() : Optional.of(replay);
                        given[0] = true;
                        return CompletableFuture.completedFuture(out);
                    }
                };
            }
            case UNREAD -> {
                mode = Mode.STREAMING;
                return this::nextChunk;
            }
            default -> throw new IllegalStateException("the request body is already being read"
                    + (mode == Mode.STREAMING ? " as a stream; call chunks() once" : " whole; await body() first"));
        }
    }

    private CompletionStage<Optional<Bytes>> nextChunk() {
        synchronized (this) {
            if (streamDone) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        }
        return receive.receive().thenCompose(event -> {
            Bytes chunk;
            boolean more;
            synchronized (this) {
                chunk = chunkOf(event, streamed);
                streamed += chunk.length();
                more = ((HttpRequest) event).more();
                streamDone = !more;
            }
            if (!chunk.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(chunk));
            }
            return more ? nextChunk() : CompletableFuture.completedFuture(Optional.<Bytes>empty());
        });
    }

    private static Bytes chunkOf(Event event, long readSoFar) {
        return switch (event) {
            case HttpRequest r -> r.body();
            case HttpDisconnect d -> throw new ClientDisconnectedException(readSoFar);
            default -> throw new IllegalStateException("expected http.request or http.disconnect while reading the"
                    + " body, got " + event.kind().wireName());
        };
    }

    private static PayloadTooLargeException tooLarge(long seen, long limit) {
        return new PayloadTooLargeException("request body exceeds the limit of " + limit + " bytes (at least "
                + seen + " bytes sent)");
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
