package org.pagi.protocol.sse;

import java.util.Arrays;

/**
 * Cuts an event stream's bytes into lines (WHATWG HTML 9.2.5: {@code end-of-line = ( cr lf / cr / lf )}) and hands
 * each complete line, without its terminator, to a {@link Sink}. It works on bytes, not text: CR and LF never
 * occur inside a multi-byte UTF-8 sequence, so a line can be decoded on its own once it is complete, however the
 * feeds split it.
 *
 * <p>A CR ends a line at once; the LF that may follow it is skipped when it arrives, even in the next feed. The
 * leading byte order mark that UTF-8 decoding strips (9.2.5: "a single U+FEFF BYTE ORDER MARK character ... at the
 * start of the stream") is removed from the first line. Only the line being collected is buffered, and never more
 * than {@code maxLineBytes} of it.
 *
 * <p>Not thread-safe; owned by its decoder.
 */
final class LineSplitter {
    /** Receives each complete line: {@code buf[from, to)}, valid only during the call. */
    interface Sink {
        void line(byte[] buf, int from, int to) throws SseLimitException;
    }

    private static final int INITIAL_CAPACITY = 256;

    private final int maxLineBytes;
    private byte[] buf;
    private int length;
    private boolean afterCr;
    private boolean firstLine = true;
    private long lineNumber = 1;

    LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes)];
    }

    /** @return the 1-based number of the line being collected, for error messages */
    long lineNumber() {
        return lineNumber;
    }

    void feed(byte[] src, int offset, int count, Sink sink) throws SseLimitException {
        int end = offset + count;
        int i = offset;
        while (i < end) {
            if (afterCr) {
                afterCr = false;
                if (src[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int stop = i;
            while (stop < end && src[stop] != '\n' && src[stop] != '\r') {
                stop++;
            }
            append(src, i, stop - i);
            if (stop == end) {
                return;
            }
            afterCr = src[stop] == '\r';
            completeLine(sink);
            i = stop + 1;
        }
    }

    /** Drops the line being collected: at the end of the stream it is incomplete and must be discarded (9.2.6). */
    void discard() {
        length = 0;
    }

    private void append(byte[] src, int from, int count) throws SseLimitException {
        if (count > maxLineBytes - length) {
            throw new SseLimitException("maxLineBytes", maxLineBytes,
                    "line " + lineNumber + " of the stream has no end after " + maxLineBytes + " bytes");
        }
        if (length + count > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxLineBytes, Math.max(2L * buf.length, length + count)));
        }
        System.arraycopy(src, from, buf, length, count);
        length += count;
    }

    private void completeLine(Sink sink) throws SseLimitException {
        int from = 0;
        if (firstLine) {
            firstLine = false;
            // EF BB BF is U+FEFF in UTF-8; it holds no CR or LF, so a leading BOM always lies within the first line.
            if (length >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                from = 3;
            }
        }
        int to = length;
        length = 0;
        sink.line(buf, from, to);
        lineNumber++;
    }
}
