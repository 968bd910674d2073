package org.pagi.protocol.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The parser's input: a growable byte array with a read and a write position. Bytes are copied in once; lines
 * and body data are read in place.
 */
final class InputBuffer {
    private byte[] buf = new byte[4096];
    private int read;
    private int write;

    void append(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(buf, write, n);
        write += n;
    }

    void append(byte[] src, int offset, int length) {
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

    int available() {
        return write - read;
    }

    int readPos() {
        return read;
    }

    byte at(int absolute) {
        return buf[absolute];
    }

    byte[] array() {
        return buf;
    }

    /** @return the absolute index of the first LF at or after {@code from}, or -1 */
    int indexOfLf(int from) {
        for (int i = Math.max(from, read); i < write; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    void skip(int n) {
        read += n;
        if (read == write) {
            read = 0;
            write = 0;
        }
    }

    void skipTo(int absolute) {
        skip(absolute - read);
    }
}
