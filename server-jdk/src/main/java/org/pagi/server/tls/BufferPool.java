package org.pagi.server.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one TLS record's size, shared by the connections of a server: a connection takes one while it
 * holds records (encrypting a response, a record cut in half by a read) and gives it back when they are gone, so
 * an idle connection holds none and a busy one allocates nothing. At most {@code max} buffers wait in the pool;
 * beyond that a returned buffer is left to the garbage collector. Thread-safe.
 */
public final class BufferPool {
    private final int size;
    private final int max;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    /**
     * @param size the capacity of every buffer
     * @param max  how many free buffers to keep
     */
    public BufferPool(int size, int max) {
        if (size < 1 || max < 0) {
            throw new IllegalArgumentException("size must be positive and max 0 or more, got " + size + ", " + max);
        }
        this.size = size;
        this.max = max;
    }

    /** @return a cleared buffer of {@link #size()} bytes */
    public ByteBuffer take() {
        ByteBuffer b = free.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(size);
        }
        pooled.decrementAndGet();
        b.clear();
        return b;
    }

    /** Returns {@code buffer} for reuse; the caller must not touch it again. Buffers of another size are dropped. */
    public void give(ByteBuffer buffer) {
        if (buffer.capacity() != size || !buffer.isDirect()) {
            return;
        }
        if (pooled.incrementAndGet() > max) {
            pooled.decrementAndGet();
            return;
        }
        free.offer(buffer);
    }

    /** @return the capacity of every buffer */
    public int size() {
        return size;
    }

    /** @return how many free buffers wait in the pool */
    int pooled() {
        return pooled.get();
    }
}
