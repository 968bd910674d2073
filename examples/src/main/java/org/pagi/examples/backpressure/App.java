package org.pagi.examples.backpressure;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.Receive;
import org.pagi.spec.Scope;
import org.pagi.spec.Send;
import org.pagi.wrappers.request.Request;
import org.pagi.wrappers.response.BlockingResponseWriter;
import org.pagi.wrappers.response.Response;
import org.pagi.wrappers.routing.Router;

/**
 * Upstream's {@code backpressure-test}: {@code GET /stream} and {@code GET /stream/N} send N mebibytes (10 by
 * default, 1 to 1000) of a pattern that does not compress, in chunks of 4 KiB, with no pause: each write waits
 * only for the server to take the chunk, so the server's write buffer and its water marks ({@code
 * --write-high-watermark}, {@code --write-low-watermark}) pace the application to the client's speed. {@code GET
 * /} describes the settings. Streaming is off unless {@code PAGI_BACKPRESSURE_TEST=1} (403), as upstream.
 *
 * <p>Each stream runs on a virtual thread of its own with the wrappers' blocking writer, so a waiting write parks
 * that thread only. Thread-safe.
 */
public final class App implements Application {
    private final StreamOptions options;
    private final Bytes chunk;
    private final Router router;

    /** The example as {@code bin/pagi-server --app} creates it, set from the environment. */
    public App() {
        this(StreamOptions.fromEnvironment(System.getenv()));
    }

    /** @param options the settings */
    public App(StreamOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.chunk = pattern(options.chunkSize());
        this.router = Router.builder()
                .get("/", this::info)
                .get("/stream", (scope, receive, send) -> stream(scope, send, options.defaultMegabytes()))
                .get("/stream/{mb:int}", (scope, receive, send) -> stream(scope, send, megabytes(scope, receive)))
                .notFound((scope, receive, send) -> Response.text("Not found: " + Request.of(scope, receive).path()
                        + "\n").withContentType("text/plain").withStatus(404).respond(scope, send))
                .build();
    }

    @Override
    public CompletionStage<Void> call(Scope scope, Receive receive, Send send) {
        return router.call(scope, receive, send);
    }

    /** Bytes 32 to 126 repeated, as upstream: printable, and no run long enough to compress well. */
    static Bytes pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (32 + (i % 256) % 95);
        }
        return Bytes.of(bytes);
    }

    private static int megabytes(Scope scope, Receive receive) {
        long asked = Long.parseLong(Request.of(scope, receive).pathParam("mb"));
        return (int) Math.max(1, Math.min(StreamOptions.MAX_MEGABYTES, asked)); // upstream's clamp
    }

    private CompletionStage<Void> info(Scope scope, Receive receive, Send send) {
        String text = """
                PAGI Backpressure Test Server
                ==============================
                Test endpoint enabled: %s
                Chunk size: %d bytes
                Default stream size: %dMB

                Endpoints:
                  GET /         - This info page
                  GET /stream   - Stream %dMB of data (requires PAGI_BACKPRESSURE_TEST=1)
                  GET /stream/N - Stream N megabytes

                Environment variables:
                  PAGI_BACKPRESSURE_TEST=1  - Enable stress test endpoints
                  PAGI_CHUNK_SIZE=N         - Chunk size in bytes (default: 4096)
                  PAGI_STREAM_MB=N          - Default megabytes to stream (default: 10)
                """.formatted(options.enabled() ? "YES" : "NO", options.chunkSize(), options.defaultMegabytes(),
                options.defaultMegabytes());
        return Response.text(text).respond(scope, send);
    }

    private CompletionStage<Void> stream(Scope scope, Send send, int megabytes) {
        if (!options.enabled()) {
            return Response.text("Stress test disabled. Set PAGI_BACKPRESSURE_TEST=1 to enable.\n")
                    .withContentType("text/plain").withStatus(403).respond(scope, send);
        }
        return CompletableFuture.runAsync(() -> streamBlocking(scope, send, megabytes),
                task -> Thread.ofVirtual().name("backpressure-stream").start(task));
    }

    private void streamBlocking(Scope scope, Send send, int megabytes) {
        long total = megabytes * 1024L * 1024L;
        long whole = total / chunk.length();
        int remainder = (int) (total % chunk.length());
        Headers headers = Headers.builder()
                .add("content-type", "application/octet-stream")
                .add("x-stream-size", Long.toString(total))
                .add("x-chunk-size", Integer.toString(chunk.length()))
                .add("x-chunk-count", Long.toString(whole + (remainder > 0 ? 1 : 0)))
                .build();
        BlockingResponseWriter writer = BlockingResponseWriter.start(scope, send, 200, headers);
        for (long i = 0; i < whole; i++) {
            writer.write(chunk); // returns when the server took it: this is where a slow client pauses us
        }
        if (remainder > 0) {
            writer.write(chunk.slice(0, remainder));
        }
        writer.close();
    }
}
