package org.pagi.protocol.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The decoder's input: a growable byte array with a read and a write position. Bytes are copied in once and
 * unmasked in place. The decoder consumes payload as it arrives, so the live bytes are at most the unread input:
 * one partial frame plus whatever the peer sent after it.
 */
final class ByteQueue {
    /** A buffer grown by one large read shrinks back to this when drained, so idle connections stay small. */
    private static final int INITIAL = 4096;
    private static final int SHRINK_ABOVE = 64 * 1024;

    private byte[] buf = new byte[INITIAL];
    private int read;
    private int write;

    void append(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(buf, write, n);
        write += n;
    }

    private void ensure(int n) {
        if (write + n <= buf.length) {
            return;
        }
        int live = write - read;
        if (live + n <= buf.length) {
            System.arraycopy(buf, read, buf, 0, live);
        } else {
            buf = Arrays.copyOf(Arrays.copyOfRange(buf, read, write), Math.max(buf.length * 2, live + n));
        }
        read = 0;
        write = live;
    }

    int available() {
        return write - read;
    }

    int readPos() {
        return read;
    }

    byte[] array() {
        return buf;
    }

    void skip(int n) {
        read += n;
        if (read == write) {
            read = 0;
            write = 0;
            if (buf.length > SHRINK_ABOVE) {
                buf = new byte[INITIAL];
            }
        }
    }

    /** Drops everything, unread bytes included (after a Close or a failure nothing more is read). */
    void clear() {
        read = 0;
        write = 0;
        buf = new byte[0];
    }
}
