package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void reusesAGivenBufferCleared() {
        BufferPool pool = new BufferPool(64, 2);
        ByteBuffer b = pool.take();
        b.put((byte) 1);
        pool.give(b);
        ByteBuffer again = pool.take();
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(64, again.limit());
    }

    @Test
    void keepsAtMostItsLimitAndNothingOfAnotherSize() {
        BufferPool pool = new BufferPool(64, 2);
        pool.give(pool.take());
        pool.give(ByteBuffer.allocateDirect(64));
        pool.give(ByteBuffer.allocateDirect(64));
        pool.give(ByteBuffer.allocateDirect(32));
        pool.give(ByteBuffer.allocate(64));
        assertEquals(2, pool.pooled());
    }
}
