package org.pagi.protocol.bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A decoder's input: a growable byte array with a read and a write position, shared by the HTTP/1.1 parser and
 * the WebSocket frame decoder. Bytes are copied in once; lines, headers and payloads are then read (or unmasked)
 * in place. A buffer that grew past one read of the transport (128 KiB) shrinks back to 4 KiB once drained, so an
 * idle keep-alive connection or WebSocket holds at most that, not the largest message it ever saw; up to that size
 * it is kept, so that a run of 64 KiB uploads or messages does not allocate a new buffer for each, until the
 * connection's next timer tick finds it drained ({@link #releaseIfDrained}).
 *
 * <p>Not thread-safe: owned by one decoder.
 */
public final class ReadBuffer {
    private static final int INITIAL = 4096;
    /** Above this a drained buffer is replaced by a small one: the transport's read size (SelectorLoop). */
    static final int SHRINK_ABOVE = 128 * 1024;

    private byte[] buf = new byte[INITIAL];
    private int read;
    private int write;

    /** Appends the remaining bytes of {@code src}, consuming them. */
    public void append(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(buf, write, n);
        write += n;
    }

    /** Appends {@code length} bytes of {@code src} from {@code offset}. */
    public void append(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buf, write, length);
        write += length;
    }

    private void ensure(int n) {
        if (write + n <= buf.length) {
            return;
        }
        int live = write - read;
        if (live + n <= buf.length && read > 0) {
            System.arraycopy(buf, read, buf, 0, live);
        } else {
            buf = Arrays.copyOf(Arrays.copyOfRange(buf, read, write), Math.max(buf.length * 2, live + n));
        }
        read = 0;
        write = live;
    }

    /** @return how many unread bytes there are */
    public int available() {
        return write - read;
    }

    /** @return the absolute index of the first unread byte in {@link #array()} */
    public int readPos() {
        return read;
    }

    /** @return the byte at absolute index {@code absolute} */
    public byte at(int absolute) {
        return buf[absolute];
    }

    /** @return the backing array, valid until the next append; unread bytes start at {@link #readPos()} */
    public byte[] array() {
        return buf;
    }

    /** @return the absolute index of the first LF at or after {@code from}, or -1 */
    public int indexOfLf(int from) {
        for (int i = Math.max(from, read); i < write; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Marks {@code n} bytes as read. */
    public void skip(int n) {
        read += n;
        if (read == write) {
            read = 0;
            write = 0;
            if (buf.length > SHRINK_ABOVE) {
                buf = new byte[INITIAL];
            }
        }
    }

    /**
     * Gives a drained buffer that grew past {@value #INITIAL} bytes back to the heap. Called when time passes on
     * an idle connection (a timer tick), so that the buffer kept for a run of large reads ({@link #skip}) is held
     * only while the reads go on: ten thousand idle connections that each once took a 128 KiB read must not
     * keep 1.25 GB.
     */
    public void releaseIfDrained() {
        if (read == write && buf.length > INITIAL) {
            read = 0;
            write = 0;
            buf = new byte[INITIAL];
        }
    }

    /** @return the size of the backing array: what this buffer holds on to, used or not */
    public int capacity() {
        return buf.length;
    }

    /** Marks everything before absolute index {@code absolute} as read. */
    public void skipTo(int absolute) {
        skip(absolute - read);
    }

    /** Drops everything, unread bytes included, and the memory with it (nothing more will be read). */
    public void clear() {
        read = 0;
        write = 0;
        buf = new byte[0];
    }
}
