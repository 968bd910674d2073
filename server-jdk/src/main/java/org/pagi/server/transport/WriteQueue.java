package org.pagi.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a connection still has to write, each piece with the callback that runs once it is fully handed to
 * the kernel. Written with gathering writes, so several small pieces cost one system call. Owned by the loop.
 */
final class WriteQueue {
    private static final int MAX_GATHER = 16;

    private record Piece(ByteBuffer buffer, Runnable onFlushed) {
    }

    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private long queuedBytes;
    private long written;

    void add(ByteBuffer buffer, Runnable onFlushed) {
        pieces.add(new Piece(buffer, onFlushed));
        queuedBytes += buffer.remaining();
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    long queuedBytes() {
        return queuedBytes;
    }

    /** @return every byte the channel has taken from this queue so far: how the write deadline sees progress */
    long written() {
        return written;
    }

    /**
     * Writes as much as the channel takes and runs the callbacks of the pieces it finished.
     *
     * @return whether everything was written
     */
    boolean flush(GatheringByteChannel channel) throws IOException {
        while (!pieces.isEmpty()) {
            int n = 0;
            for (Piece p : pieces) {
                gather[n++] = p.buffer();
                if (n == MAX_GATHER) {
                    break;
                }
            }
            long written = channel.write(gather, 0, n);
            java.util.Arrays.fill(gather, 0, n, null);
            queuedBytes -= written;
            this.written += written;
            int done = 0;
            // Callbacks may queue more bytes (an application on the loop sending its next piece): they go to the
            // tail and are written by the next round.
            while (done < n && !pieces.isEmpty() && !pieces.peekFirst().buffer().hasRemaining()) {
                done++;
                pieces.pollFirst().onFlushed().run();
            }
            if (done < n) {
                return false; // the kernel took less than offered: wait until the socket is writable again
            }
        }
        return true;
    }

    /**
     * Drops everything still queued (the connection is closing) and runs the callbacks: a send waiting on them
     * completes as the spec's no-op after a disconnect, instead of waiting for ever.
     */
    void drop() {
        queuedBytes = 0;
        while (!pieces.isEmpty()) {
            pieces.pollFirst().onFlushed().run();
        }
    }
}
