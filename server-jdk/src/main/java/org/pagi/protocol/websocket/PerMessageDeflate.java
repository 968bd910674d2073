package org.pagi.protocol.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.pagi.spec.Bytes;

/**
 * The permessage-deflate extension (RFC 7692): negotiation ({@link #negotiate}, {@link #acceptResponse}) and, per
 * connection, the compressor for outgoing messages and a streaming, size-bounded decompressor for incoming ones.
 *
 * <p><b>Window limits.</b> {@code java.util.zip.Deflater} cannot shrink its LZ77 window below 32 KiB. When our
 * side is limited to fewer than 15 window bits we therefore compress with {@link Deflater#HUFFMAN_ONLY}: no
 * back-references at all, so no window limit can be broken, at the cost of a weaker ratio. The decompressor
 * always has the full window, which accepts data made with any smaller one.
 *
 * <p><b>Bounds.</b> Decompressed output is counted per message and fails with
 * {@link WsViolation#DECOMPRESSED_TOO_BIG} as soon as it passes the limit, so a small frame cannot inflate into
 * gigabytes; it is produced in 8 KiB pieces, never all at once.
 *
 * <p>Not thread-safe, but its two halves share nothing: one thread may compress while another decompresses. The
 * zlib memory is allocated on first use and freed by {@link #close()}, which must not race either half.
 */
public final class PerMessageDeflate implements AutoCloseable {
    /** RFC 7692 section 7.2.1: a message's compressed data ends with an empty stored block, which is removed. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 8192;

    /** Receives decompressed bytes; may reject them (for example, invalid UTF-8). */
    @FunctionalInterface
    public interface Sink {
        /** Takes {@code len} bytes of {@code b} from {@code off}; they are valid only during the call. */
        void accept(byte[] b, int off, int len) throws WsProtocolException;
    }

    private final DeflateParams params;
    private final boolean resetCompressor;
    private final boolean resetDecompressor;
    private final boolean huffmanOnly;
    private final long maxDecompressedBytes;
    private final byte[] chunk = new byte[CHUNK];
    private Deflater deflater;
    private Inflater inflater;
    private long produced;
    private boolean closed;

    /**
     * @param params               the agreed parameters
     * @param serverRole           whether we are the server (our compressor follows the "server" parameters)
     * @param maxDecompressedBytes the largest decompressed message
     */
    public PerMessageDeflate(DeflateParams params, boolean serverRole, long maxDecompressedBytes) {
        this.params = Objects.requireNonNull(params, "params");
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be 1 or more, got " + maxDecompressedBytes);
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.resetCompressor = serverRole ? params.serverNoContextTakeover() : params.clientNoContextTakeover();
        this.resetDecompressor = serverRole ? params.clientNoContextTakeover() : params.serverNoContextTakeover();
        int ourBits = serverRole ? params.serverMaxWindowBits() : params.clientMaxWindowBits();
        this.huffmanOnly = ourBits < DeflateParams.MAX_WINDOW_BITS;
    }

    /** @return the parameters of the first acceptable permessage-deflate offer in the request's header values */
    public static Optional<DeflateParams> negotiate(List<String> secWebSocketExtensionsValues) {
        return DeflateNegotiation.negotiate(secWebSocketExtensionsValues);
    }

    /**
     * Client side: checks the server's {@code Sec-WebSocket-Extensions} answer to an offer of
     * {@link DeflateParams#offerHeaderValue()}.
     *
     * @return the agreed parameters, or empty if the answer is malformed, names another extension, or carries an
     *     unknown, repeated or out-of-range parameter (the client must then fail the connection)
     */
    public static Optional<DeflateParams> acceptResponse(String serverResponseValue) {
        return DeflateNegotiation.acceptResponse(serverResponseValue);
    }

    /** @return the agreed parameters */
    public DeflateParams params() {
        return params;
    }

    /** @return whether our compressor runs Huffman-only because our window is limited below 15 bits */
    public boolean huffmanOnly() {
        return huffmanOnly;
    }

    /** @return {@code message} compressed as one permessage-deflate payload (RFC 7692 section 7.2.1) */
    public Bytes compress(Bytes message) {
        return Bytes.of(compress(message.asReadOnlyBuffer()));
    }

    /** @return the remaining bytes of {@code message} compressed; the codec's path, with no copy of the input */
    ByteBuffer compress(ByteBuffer message) {
        if (!message.hasRemaining()) {
            // Section 7.2.3.6: an empty stored block, tail removed. zlib writes nothing for a flush with no new input.
            ensureOpen();
            return ByteBuffer.wrap(new byte[] {0x00});
        }
        Deflater d = deflater();
        d.setInput(message);
        byte[] out = new byte[Math.max(64, message.remaining() / 2 + 64)];
        int n = 0;
        while (true) {
            n += d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break; // room to spare: the flush is complete (Deflater#deflate, SYNC_FLUSH)
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (resetCompressor) {
            d.reset(); // RFC 7692 section 7.1.1: no context takeover, so the next message starts afresh
        }
        // SYNC_FLUSH always ends with the empty stored block 00 00 FF FF, which section 7.2.1 removes.
        if (n < TAIL.length || !Arrays.equals(out, n - TAIL.length, n, TAIL, 0, TAIL.length)) {
            throw new IllegalStateException("zlib's SYNC_FLUSH did not end with 00 00 FF FF");
        }
        return ByteBuffer.wrap(out, 0, n - TAIL.length);
    }

    /** Starts decompressing a new message. */
    public void inflateBegin() {
        produced = 0;
    }

    /** Decompresses the next piece of the message's compressed payload into {@code out}. */
    public void inflate(byte[] in, int off, int len, Sink out) throws WsProtocolException {
        Objects.checkFromIndexSize(off, len, in.length);
        Inflater i = inflater();
        if (i.finished()) {
            if (len > 0) {
                throw new WsProtocolException(WsViolation.INVALID_COMPRESSED_DATA, "data after the final DEFLATE block");
            }
            return;
        }
        i.setInput(in, off, len);
        drain(i, out);
    }

    /** Ends the message: appends the removed tail (RFC 7692 section 7.2.2), drains, and resets if agreed. */
    public void inflateEnd(Sink out) throws WsProtocolException {
        Inflater i = inflater();
        // A peer may end a message with a BFINAL block (section 7.2.3.4); the tail then has nothing to follow.
        if (!i.finished()) {
            i.setInput(TAIL);
            drain(i, out);
        }
        if (resetDecompressor || i.finished()) {
            i.reset();
        }
        produced = 0;
    }

    /** @return a whole compressed message, decompressed (tests and tools; never while a message is streaming) */
    public Bytes decompress(Bytes compressed) throws WsProtocolException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        inflateBegin();
        inflate(compressed.toByteArray(), 0, compressed.length(), out::write);
        inflateEnd(out::write);
        return Bytes.of(out.toByteArray());
    }

    private void drain(Inflater i, Sink out) throws WsProtocolException {
        while (true) {
            int n;
            try {
                n = i.inflate(chunk);
            } catch (DataFormatException e) {
                throw new WsProtocolException(WsViolation.INVALID_COMPRESSED_DATA,
                        "DEFLATE data is invalid after " + i.getBytesRead() + " compressed bytes");
            }
            if (n > 0) {
                produced += n;
                if (produced > maxDecompressedBytes) {
                    throw new WsProtocolException(WsViolation.DECOMPRESSED_TOO_BIG,
                            "message inflates past " + maxDecompressedBytes + " bytes");
                }
                out.accept(chunk, 0, n);
            } else if (i.finished()) {
                if (i.getRemaining() > 0) {
                    throw new WsProtocolException(WsViolation.INVALID_COMPRESSED_DATA,
                            "data after the final DEFLATE block");
                }
                return;
            } else if (i.needsInput()) {
                return;
            } else {
                // No output, no progress, input left: only a preset dictionary does that, and raw DEFLATE has none.
                throw new WsProtocolException(WsViolation.INVALID_COMPRESSED_DATA, "DEFLATE data makes no progress");
            }
        }
    }

    private Deflater deflater() {
        ensureOpen();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (huffmanOnly) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // Deflater applies a new strategy in its next deflate call, and that call does nothing else (no
                // SYNC_FLUSH). Spend it now, on the empty stream, where it writes nothing.
                if (deflater.deflate(new byte[64], 0, 64, Deflater.NO_FLUSH) != 0) {
                    throw new IllegalStateException("zlib wrote output while only changing its strategy");
                }
            }
        }
        return deflater;
    }

    private Inflater inflater() {
        ensureOpen();
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        return inflater;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("PerMessageDeflate is closed");
        }
    }

    /** Frees the native zlib memory. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
