package org.pagi.protocol.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * Collects one data message from its frames' payloads (RFC 6455 section 5.4) as the bytes arrive: inflates them
 * when the message is compressed, checks text as UTF-8 piece by piece so a bad byte fails at once (section 8.1),
 * and enforces the message size limit. Not thread-safe; owned by the {@link FrameDecoder}.
 */
final class MessageAssembler {
    /** A buffer grown for a large message is dropped afterwards so idle connections stay small. */
    private static final int KEEP_BELOW = 64 * 1024;

    private final long maxBytes;
    private final PerMessageDeflate deflate;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final PerMessageDeflate.Sink sink = this::accept;
    private byte[] buf = new byte[256];
    private int size;
    private boolean open;
    private boolean text;
    private boolean compressed;
    private long wireBytes;

    /** @param deflate the decompressor, or null when permessage-deflate was not negotiated */
    MessageAssembler(long maxBytes, PerMessageDeflate deflate) {
        this.maxBytes = maxBytes;
        this.deflate = deflate;
    }

    boolean isOpen() {
        return open;
    }

    /**
     * @return the most payload bytes a message may carry on the wire: the limit itself, or for a compressed
     *     message a little more, since DEFLATE can grow incompressible data (5 bytes per stored block of up to 64
     *     KiB, plus a flush per frame); the decompressed size is what the limit really bounds then
     */
    long wireLimit(boolean compressedMessage) {
        return compressedMessage ? maxBytes + (maxBytes >> 8) + 1024 : maxBytes;
    }

    /** @return the payload bytes the open message has received so far */
    long wireBytes() {
        return wireBytes;
    }

    boolean compressed() {
        return compressed;
    }

    void start(boolean isText, boolean isCompressed) {
        open = true;
        text = isText;
        compressed = isCompressed;
        wireBytes = 0;
        size = 0;
        utf8.reset();
        if (compressed) {
            deflate.inflateBegin();
        }
    }

    /** Adds unmasked payload bytes of the open message. */
    void append(byte[] b, int off, int len) throws WsProtocolException {
        wireBytes += len;
        if (compressed) {
            deflate.inflate(b, off, len, sink);
        } else {
            accept(b, off, len);
        }
    }

    /** @return the whole message, after its final frame */
    WebSocketMessage finish() throws WsProtocolException {
        if (compressed) {
            deflate.inflateEnd(sink);
        }
        if (text && !utf8.atBoundary()) {
            throw new WsProtocolException(WsViolation.INVALID_UTF8,
                    "text message ends inside a UTF-8 sequence at offset " + utf8.offset());
        }
        WebSocketMessage m = text
                ? new WebSocketMessage.Text(new String(buf, 0, size, StandardCharsets.UTF_8))
                : new WebSocketMessage.Binary(Bytes.of(buf, 0, size));
        open = false;
        size = 0;
        if (buf.length > KEEP_BELOW) {
            buf = new byte[256];
        }
        return m;
    }

    /** Takes message bytes (decompressed if need be): limit, UTF-8, then copy. */
    private void accept(byte[] b, int off, int len) throws WsProtocolException {
        if (size + (long) len > maxBytes) {
            throw new WsProtocolException(compressed ? WsViolation.DECOMPRESSED_TOO_BIG : WsViolation.MESSAGE_TOO_BIG,
                    "message exceeds " + maxBytes + " bytes");
        }
        if (text && !utf8.feed(b, off, len)) {
            throw new WsProtocolException(WsViolation.INVALID_UTF8, "byte 0x%02X at offset %d of a text message"
                    .formatted(utf8.badByte(), utf8.offset()));
        }
        if (size + len > buf.length) {
            long grown = Math.max((long) buf.length * 2, (long) size + len);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, maxBytes));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }
}
