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

    /** See {@link Request#body()}. */
    public Bytes body() {
        return await(() -> request.body());
    }

    /** See {@link Request#body(BodyLimits)}. */
    public Bytes body(BodyLimits limits) {
        return await(() -> request.body(limits));
    }

    /** See {@link Request#text()}. */
    public String text() {
        return await(() -> request.text());
    }

    /** See {@link Request#text(BodyLimits)}. */
    public String text(BodyLimits limits) {
        return await(() -> request.text(limits));
    }

    /** See {@link Request#textStrict()}. */
    public String textStrict() {
        return await(() -> request.textStrict());
    }

    /** See {@link Request#json(Class)}. */
    public <T> T json(Class<T> type) {
        return await(() -> request.json(type));
    }

    /** See {@link Request#json(Class, BodyLimits)}. */
    public <T> T json(Class<T> type, BodyLimits limits) {
        return await(() -> request.json(type, limits));
    }

    /** See {@link Request#jsonTree()}. */
    public Object jsonTree() {
        return await(() -> request.jsonTree());
    }

    /** See {@link Request#form()}. */
    public QueryParams form() {
        return await(() -> request.form());
    }

    /** See {@link Request#form(BodyLimits)}. */
    public QueryParams form(BodyLimits limits) {
        return await(() -> request.form(limits));
    }

    /** See {@link Request#multipart()}. */
    public MultipartForm multipart() {
        return await(() -> request.multipart());
    }

    /** See {@link Request#multipart(BodyLimits)}. */
    public MultipartForm multipart(BodyLimits limits) {
        return await(() -> request.multipart(limits));
    }

    /** The multipart body as a blocking stream of parts; see {@link Request#parts()}. */
    public Parts parts() {
        return new Parts(request.parts());
    }

    /** See {@link Request#parts(BodyLimits)}. */
    public Parts parts(BodyLimits limits) {
        return new Parts(request.parts(limits));
    }

    /** {@link MultipartParts} whose {@link #next} waits for the next part (empty after the last). */
    public record Parts(MultipartParts parts) {
        /** @return the next part, or empty after the last one; see {@link MultipartParts#next()} */
        public Optional<Part> next() {
            return await(parts::next).map(Part::new);
        }
    }

    /** {@link MultipartPart} whose data methods wait; its head is read through {@link #part()}. */
    public record Part(MultipartPart part) {
        /** @return the next chunk of this part's data, or empty at its end */
        public Optional<Bytes> next() {
            return await(part::next);
        }

        /** Reads and drops the rest of this part's data. */
        public void skip() {
            await(part::skip);
        }
    }

    /** The body as a blocking stream; see {@link Request#chunks()}. */
    public Chunks chunks() {
        return new Chunks(request.chunks());
    }

    /** {@link BodyChunks} whose {@link #next} waits for the next chunk (empty at the end). */
    public record Chunks(BodyChunks chunks) {
        /** @return the next chunk, or empty at the end of the body */
        public Optional<Bytes> next() {
            return await(chunks::next);
        }
    }

    private static <T> T await(java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> call) {
        Blocking.requireBlockingAllowed();
        return Blocking.await(call.get());
    }
}
