package org.pagi.wrappers.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.ConnectionState;
import org.pagi.spec.Send;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.wrappers.Blocking;

/**
 * The response body of a bridged {@code HttpExchange} as an {@link OutputStream} that sends
 * {@code http.response.body} events: bytes are gathered up to the buffer size (or a {@code flush}) and each event
 * is awaited, so a client that reads slowly holds the writing handler back. The framing follows the length given
 * to {@code sendResponseHeaders}, as the JDK's server does: exactly that many bytes for a fixed length (the last
 * one ends the response), any number for chunked, none for {@code -1}; for HEAD the bytes are dropped.
 *
 * <p>Not thread-safe, like any stream; used by the handler's thread.
 */
final class ResponseBodyStream extends OutputStream {

    /** How the body is framed. */
    enum Mode {
        /** {@code sendResponseHeaders(code, 0)}: any number of bytes, ended by {@code close}. */
        CHUNKED,
        /** {@code sendResponseHeaders(code, n > 0)}: exactly n bytes. */
        FIXED,
        /** {@code -1}, 204 or 304: the response is already complete; writing is an error. */
        NONE,
        /** HEAD: whatever is written is dropped (the headers say what a GET would get). */
        DISCARD
    }

    private final Send send;
    private final ConnectionState connection;
    private final Mode mode;
    private final long length;
    private final byte[] buffer;
    private int buffered;
    private long written;
    private boolean ended;
    private boolean closed;

    ResponseBodyStream(Send send, ConnectionState connection, Mode mode, long length, int bufferBytes) {
        this.send = Objects.requireNonNull(send, "send");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.mode = mode;
        this.length = length;
        this.buffer = new byte[mode == Mode.CHUNKED || mode == Mode.FIXED ? bufferBytes : 0];
        this.ended = mode == Mode.NONE || mode == Mode.DISCARD;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the response body stream is closed");
        }
        switch (mode) {
            case DISCARD -> {
                return;
            }
            case NONE -> {
                if (len > 0) {
                    throw new IOException("this response has no body (sendResponseHeaders was given -1, or the"
                            + " status is 204 or 304); " + len + " bytes cannot be written");
                }
                return;
            }
            case FIXED -> {
                if (written + len > length) {
                    throw new IOException("too many bytes to write to stream: the response length is " + length
                            + ", " + written + " written, " + len + " more offered");
                }
            }
            case CHUNKED -> {
                if (ended) {
                    throw new IOException("the response body already ended");
                }
            }
        }
        int at = off;
        int left = len;
        while (left > 0) {
            int n = Math.min(left, buffer.length - buffered);
            System.arraycopy(b, at, buffer, buffered, n);
            buffered += n;
            written += n;
            at += n;
            left -= n;
            boolean last = mode == Mode.FIXED && written == length;
            if (buffered == buffer.length || last) {
                emit(!last);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed && buffered > 0) {
            emit(true);
        }
    }

    /**
     * Ends the body. A fixed-length body that is still short cannot be completed: that fails, and the caller
     * aborts the response (the client must not take a truncated body for a whole one).
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (mode == Mode.FIXED && written < length) {
            throw new IOException("insufficient bytes written to stream: " + written + " of the " + length
                    + " given to sendResponseHeaders");
        }
        if (!ended) {
            emit(false);
        }
    }

    /** @return whether every byte the framing promised went out and the last body event was sent */
    boolean complete() {
        return ended;
    }

    private void emit(boolean more) throws IOException {
        if (!connection.isConnected()) {
            throw new IOException("the client disconnected ("
                    + connection.disconnectReason().map(Object::toString).orElse("connection closed") + ")");
        }
        Bytes piece = Bytes.of(buffer, 0, buffered);
        buffered = 0;
        if (!more) {
            ended = true;
        }
        try {
            Blocking.await(send.send(new HttpResponseBody(piece, more)));
        } catch (RuntimeException e) {
            throw new IOException("sending the response body failed: " + e.getMessage(), e);
        }
    }
}
