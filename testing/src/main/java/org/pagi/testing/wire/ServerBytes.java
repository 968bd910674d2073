package org.pagi.testing.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pagi.testing.PagiTestTimeoutException;

/**
 * The receive side of a wire connection's imaginary socket: the bytes the server wrote, in order, for the test
 * thread to read. A read returns everything written and not yet read as one array, the way a socket read returns
 * whatever has arrived, so two writes may come back as one; that is how bytes behind a response head reach the
 * reader together with it.
 *
 * <p>Thread-safe for one writer (the connection's loop) and one reader (the test thread).
 */
final class ServerBytes {
    private static final byte[] END = new byte[0];
    private static final Object CLOSED = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private boolean closed; // the reader's view: only the reader thread touches it

    /** @return the deadline, in {@link System#nanoTime()} terms, of a wait of {@code timeout} starting now */
    static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** @return the remaining bytes of {@code buffers} as one array; the buffers' positions do not move */
    static byte[] concat(ByteBuffer[] buffers) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            byte[] part = new byte[b.remaining()];
            b.duplicate().get(part);
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** The server wrote {@code bytes}; empty arrays are dropped, since an empty read means the end. */
    void write(byte[] bytes) {
        if (bytes.length > 0) {
            queue.add(bytes);
        }
    }

    /** The server closed the connection: reads return the bytes written before, then the end. */
    void close() {
        queue.add(CLOSED);
    }

    /** @return whether the reader has reached the end: the server closed and every byte before it was read */
    boolean ended() {
        return closed;
    }

    /**
     * @param deadlineNanos when to give up, in {@link System#nanoTime()} terms
     * @return the next bytes; an empty array once the server closed the connection; null when nothing came in time
     */
    byte[] read(long deadlineNanos) {
        if (closed) {
            return END;
        }
        Object first;
        try {
            first = queue.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PagiTestTimeoutException("interrupted while waiting for the server's bytes");
        }
        if (first == null) {
            return null;
        }
        if (first == CLOSED) {
            closed = true;
            return END;
        }
        if (!(queue.peek() instanceof byte[])) {
            return (byte[]) first;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes((byte[]) first);
        while (queue.peek() instanceof byte[] more) {
            queue.poll();
            all.writeBytes(more);
        }
        return all.toByteArray();
    }
}
