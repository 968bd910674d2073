package org.pagi.wrappers.response;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;

/**
 * Streams a region of a file as {@code http.response.body} chunks of at most {@link #CHUNK} bytes. Reads are
 * asynchronous (no thread waits on the disk) and the next chunk is read only when the server took the previous
 * one, so memory stays at one chunk per response whatever the file's size.
 */
final class FileChunks {

    /** The largest body piece read at once. */
    static final int CHUNK = 64 * 1024;

    private final Send send;
    private final AsynchronousFileChannel channel;
    private final long end;
    private final boolean last;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private FileChunks(Send send, AsynchronousFileChannel channel, long end, boolean last) {
        this.send = send;
        this.channel = channel;
        this.end = end;
        this.last = last;
    }

    /**
     * Sends bytes {@code offset .. offset + count - 1} of {@code file}.
     *
     * @param last whether the final chunk ends the response
     * @return completes when the server took the final chunk; fails when the file cannot be read or is shorter
     */
    static CompletionStage<Void> send(Send send, Path file, long offset, long count, boolean last) {
        if (count == 0) {
            return last ? send.send(HttpResponseBody.last(Bytes.empty())) : CompletableFuture.completedFuture(null);
        }
        AsynchronousFileChannel channel;
        try {
            channel = AsynchronousFileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        FileChunks chunks = new FileChunks(send, channel, offset + count, last);
        chunks.done.whenComplete((v, e) -> closeQuietly(channel));
        chunks.read(offset);
        return chunks.done;
    }

    private void read(long position) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, end - position));
        try {
            channel.read(buffer, position, buffer, new CompletionHandler<>() {
                @Override
                public void completed(Integer n, ByteBuffer buf) {
                    if (n < 0) {
                        done.completeExceptionally(new EOFException("file ended at byte " + position
                                + ", before the " + end + " bytes announced"));
                        return;
                    }
                    if (buf.hasRemaining()) {   // a short read: fill the rest of this chunk first
                        channel.read(buf, position + buf.position(), buf, this);
                        return;
                    }
                    sent(position + buf.capacity(), buf.flip());
                }

                @Override
                public void failed(Throwable e, ByteBuffer buf) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void sent(long next, ByteBuffer chunk) {
        boolean final_ = next >= end;
        send.send(new HttpResponseBody(Bytes.of(chunk), !(final_ && last))).whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else if (final_) {
                done.complete(null);
            } else {
                read(next);
            }
        });
    }

    private static void closeQuietly(AsynchronousFileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it; the response's outcome is already decided
        }
    }
}
