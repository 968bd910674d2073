package org.pagi.wrappers.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.pagi.spec.Receive;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpRequest;
import org.pagi.wrappers.Blocking;

/**
 * The request body of an {@code http} scope as an {@link InputStream}: each {@code http.request} event is asked
 * for only when the previous one has been read, so at most one piece is held and a handler that reads slowly
 * slows the client down (the server stops reading the socket while its inbound queue is full).
 *
 * <p>Not thread-safe, like any stream; used by the handler's thread.
 */
final class RequestBodyStream extends InputStream {
    private static final byte[] NONE = new byte[0];

    private final Receive receive;
    private byte[] piece = NONE;
    private int pos;
    private boolean ended;
    private boolean closed;
    private long received;

    RequestBodyStream(Receive receive) {
        this.receive = Objects.requireNonNull(receive, "receive");
    }

    @Override
    public int read() throws IOException {
        return fill() ? piece[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, piece.length - pos);
        System.arraycopy(piece, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return piece.length - pos;
    }

    @Override
    public void close() {
        closed = true;
        piece = NONE;
        pos = 0;
    }

    /** @return how many body bytes came in so far */
    long received() {
        return received;
    }

    /** @return false at the end of the body; true when {@code piece} has a byte at {@code pos} */
    private boolean fill() throws IOException {
        ensureOpen();
        while (pos == piece.length) {
            if (ended) {
                return false;
            }
            Event event;
            try {
                event = Blocking.await(receive.receive());
            } catch (RuntimeException e) {
                throw new IOException("reading the request body failed: " + e.getMessage(), e);
            }
            switch (event) {
                case HttpRequest r -> {
                    piece = r.body().toByteArray();
                    pos = 0;
                    ended = !r.more();
                    received += piece.length;
                }
                case HttpDisconnect d -> throw new IOException(
                        "the client disconnected after " + received + " body bytes, before the body ended");
                default -> throw new IOException("unexpected " + event.type() + " while reading the request body");
            }
        }
        return true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the request body stream is closed");
        }
    }
}
