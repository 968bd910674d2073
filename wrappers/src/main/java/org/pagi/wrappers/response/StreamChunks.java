package org.pagi.wrappers.response;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;

/**
 * Streams a region of a {@link FileSource.Resource} as {@code http.response.body} chunks of at most
 * {@link FileChunks#CHUNK} bytes: the stream is opened, skipped to the region's first byte, and read one chunk at a
 * time, each after the server took the previous one. An {@link InputStream} blocks, so each open, skip and read
 * runs on a virtual thread, never on the caller's (possibly an I/O event loop). The stream is closed when the region
 * was sent, when a send fails (the client went away) and when a read fails.
 */
final class StreamChunks {

    /** One short-lived virtual thread per blocking step; none is kept between chunks. */
    private static final Executor READS = task -> Thread.ofVirtual().name("pagi-resource-read").start(task);

    private final Send send;
    private final boolean last;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile InputStream in;   // set by the first step; read by later steps and by close

    private StreamChunks(Send send, boolean last) {
        this.send = send;
        this.last = last;
    }

    /**
     * Sends bytes {@code offset .. offset + count - 1} of the resource.
     *
     * @param last whether the final chunk ends the response
     * @return completes when the server took the final chunk; fails when the resource cannot be read or is shorter
     */
    static CompletionStage<Void> send(Send send, FileSource.Opener opener, long offset, long count, boolean last) {
        if (count == 0) {
            return last ? send.send(HttpResponseBody.last(Bytes.empty())) : CompletableFuture.completedFuture(null);
        }
        StreamChunks chunks = new StreamChunks(send, last);
        chunks.done.whenComplete((v, e) -> chunks.close());
        READS.execute(() -> chunks.open(opener, offset, count));
        return chunks.done;
    }

    private void open(FileSource.Opener opener, long offset, long count) {
        try {
            in = opener.open();
            in.skipNBytes(offset);   // throws EOFException when the resource is shorter than announced
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        read(count);
    }

    private void read(long remaining) {
        int want = (int) Math.min(FileChunks.CHUNK, remaining);
        byte[] chunk;
        try {
            chunk = in.readNBytes(want);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        if (chunk.length < want) {
            done.completeExceptionally(new EOFException("resource ended " + (remaining - chunk.length)
                    + " bytes before the length announced"));
            return;
        }
        long left = remaining - want;
        send.send(new HttpResponseBody(Bytes.of(chunk), !(left == 0 && last))).whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else if (left == 0) {
                done.complete(null);
            } else {
                READS.execute(() -> read(left));
            }
        });
    }

    private void close() {
        InputStream stream = in;
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // only read from; the response's outcome is already decided
        }
    }
}
