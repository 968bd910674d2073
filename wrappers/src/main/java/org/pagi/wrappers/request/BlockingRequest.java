package org.pagi.wrappers.request;

import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.wrappers.Blocking;
import org.pagi.wrappers.http.QueryParams;

/**
 * {@link Request}'s body methods for a blocking handler: same names, plain values. Each fails at once on an I/O
 * event loop thread (see {@link Blocking}); failures are the request's own exceptions, unwrapped.
 */
public record BlockingRequest(Request request) {

    public Bytes body() {
        return await(() -> request.body());
    }

    public Bytes body(BodyLimits limits) {
        return await(() -> request.body(limits));
    }

    public String text() {
        return await(() -> request.text());
    }

    public String text(BodyLimits limits) {
        return await(() -> request.text(limits));
    }

    public String textStrict() {
        return await(() -> request.textStrict());
    }

    public <T> T json(Class<T> type) {
        return await(() -> request.json(type));
    }

    public <T> T json(Class<T> type, BodyLimits limits) {
        return await(() -> request.json(type, limits));
    }

    public Object jsonTree() {
        return await(() -> request.jsonTree());
    }

    public QueryParams form() {
        return await(() -> request.form());
    }

    public QueryParams form(BodyLimits limits) {
        return await(() -> request.form(limits));
    }

    /** The body as a blocking stream; see {@link Request#chunks()}. */
    public Chunks chunks() {
        return new Chunks(request.chunks());
    }

    /** {@link BodyChunks} whose {@link #next} waits for the next chunk (empty at the end). */
    public record Chunks(BodyChunks chunks) {
        public Optional<Bytes> next() {
            return await(chunks::next);
        }
    }

    private static <T> T await(java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> call) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(call.get());
    }
}
