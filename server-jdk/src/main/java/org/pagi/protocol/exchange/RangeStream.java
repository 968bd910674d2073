package org.pagi.protocol.exchange;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pagi.spec.Bytes;
import org.pagi.spec.server.BodySources;

/**
 * Streams the range of a file or channel body in {@link #CHUNK} pieces, each written once the previous one was
 * flushed: memory stays bounded whatever the file's size, and a slow client holds back the reading. Each next
 * piece is scheduled on the connection's thread rather than called from the flush, so a file of any length never
 * deepens the stack. Driven by its {@link Http1Connection}; not thread-safe.
 */
final class RangeStream {
    /** How much is read and written at a time. */
    static final int CHUNK = 64 * 1024;

    /** Writes one piece; the stage completes when it was flushed. */
    @FunctionalInterface
    interface PieceWriter {
        CompletableFuture<Void> write(Bytes piece, boolean more);
    }

    private final SeekableByteChannel channel;
    private final boolean closeAfter;
    private final PieceWriter writer;
    private final Consumer<Runnable> later;
    private final BooleanSupplier stopped;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long position;
    private long remaining;

    /**
     * @param closeAfter whether the server owns the channel (a file it opened) and closes it at the end
     * @param later      runs a task on the connection's thread after the current one
     * @param stopped    whether the exchange was aborted or the connection closed: the rest is not sent
     */
    private RangeStream(SeekableByteChannel channel, boolean closeAfter, PieceWriter writer, Consumer<Runnable> later,
            BooleanSupplier stopped) {
        this.channel = channel;
        this.closeAfter = closeAfter;
        this.writer = writer;
        this.later = later;
        this.stopped = stopped;
    }

    /** Starts streaming {@code length} bytes (to the end when empty) from {@code offset}. */
    static CompletableFuture<Void> start(SeekableByteChannel channel, long offset, OptionalLong length,
            boolean closeAfter, PieceWriter writer, Consumer<Runnable> later, BooleanSupplier stopped) {
        RangeStream s = new RangeStream(channel, closeAfter, writer, later, stopped);
        try {
            long size = channel.size();
            s.position = Math.min(offset, size);
            s.remaining = Math.min(size - s.position, length.orElse(Long.MAX_VALUE));
            s.step();
        } catch (IOException | RuntimeException e) {
            s.finish(e);
        }
        return s.done;
    }

    private void step() {
        try {
            int n = (int) Math.min(CHUNK, remaining);
            Bytes piece = BodySources.read(channel, position, OptionalLong.of(n));
            position += piece.length();
            remaining = piece.length() < n ? 0 : remaining - piece.length(); // a file that shrank ends the body
            boolean more = remaining > 0;
            writer.write(piece, more).whenComplete((v, t) -> {
                if (t != null || !more || stopped.getAsBoolean()) {
                    finish(t);
                } else {
                    later.accept(this::step);
                }
            });
        } catch (RuntimeException e) {
            finish(e);
        }
    }

    private void finish(Throwable failure) {
        if (closeAfter) {
            closeQuietly(channel);
        }
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    static void closeQuietly(SeekableByteChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // a read-only file: nothing was lost
            }
        }
    }
}
