package org.pagi.protocol.bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** When the input buffer keeps the memory a large message made it grow, and when it gives it back. */
class ReadBufferTest {

    private static void appendAndDrain(ReadBuffer buffer, int length) {
        buffer.append(ByteBuffer.allocateDirect(length));
        buffer.skip(buffer.available());
    }

    @Test
    void aBufferThatGrewForOneReadIsKeptForTheNext() {
        ReadBuffer buffer = new ReadBuffer();
        appendAndDrain(buffer, 64 * 1024 + 200); // a 64 KiB upload or message with its head, in one read
        byte[] grown = buffer.array();
        appendAndDrain(buffer, 64 * 1024 + 200);
        assertSame(grown, buffer.array(), "the next message of the same size reuses the buffer");
    }

    @Test
    void aBufferThatGrewPastOneReadShrinksOnceDrained() {
        ReadBuffer buffer = new ReadBuffer();
        buffer.append(ByteBuffer.allocateDirect(ReadBuffer.SHRINK_ABOVE));
        buffer.append(ByteBuffer.allocateDirect(1024)); // bytes queued behind a paused decoder
        buffer.skip(buffer.available() - 1);
        assertEquals(1, buffer.available());
        buffer.skip(1);
        assertEquals(4096, buffer.array().length, "an idle connection keeps 4 KiB");
    }

    @Test
    void aDrainedBufferIsGivenBackWhenTimePassesButNotWhileBytesWait() {
        ReadBuffer buffer = new ReadBuffer();
        buffer.append(ByteBuffer.allocateDirect(64 * 1024 + 200));
        buffer.releaseIfDrained();
        assertEquals(64 * 1024 + 200, buffer.available(), "unread bytes are never dropped");
        buffer.skip(buffer.available());
        assertTrue(buffer.capacity() > 64 * 1024, "kept for the next read of the run");
        buffer.releaseIfDrained();
        assertEquals(4096, buffer.capacity(), "an idle connection keeps 4 KiB");
    }
}
