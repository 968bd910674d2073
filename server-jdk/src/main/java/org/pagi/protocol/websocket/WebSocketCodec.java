package org.pagi.protocol.websocket;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * The sans-IO WebSocket frame codec for one connection and one role (RFC 6455 section 5, RFC 7692): bytes in
 * ({@link #feed}), {@link WsEvent}s out ({@link #next}); messages and control frames in, buffers for a gathering
 * write out. No sockets, threads, clocks or logging, so the server, the test client and the compliance suite run
 * the same code, in either role.
 *
 * <p>Decoding: {@code next()} returns whole messages (reassembled, decompressed, UTF-8 checked), pings, pongs and
 * the peer's Close; it never throws for anything the peer sends. A broken rule yields a {@link WsEvent.Failure}
 * naming the {@link WsViolation} and its close code, and every later {@code next()} returns that same failure.
 * After a {@link WsEvent.Close} further input is ignored ({@link WsEvent#NEED_DATA}). The answers (a Pong for a
 * Ping, a Close echoing the code) are the caller's to send.
 *
 * <p>Encoding: a SERVER never masks, and its payload buffers may be read-only views over the caller's bytes; a
 * CLIENT masks every frame with keys from its {@link RandomGenerator} (RFC 6455 section 5.3). Messages go out as
 * one frame, compressed when permessage-deflate was negotiated (empty ones are sent plain, which is legal).
 *
 * <p>Not thread-safe, but the decoding side ({@code feed}, {@code next}) and the encoding side ({@code message},
 * {@code ping}, {@code pong}, {@code close(int, String)}) share no mutable state: one thread may decode while
 * another encodes, each side driven by one thread at a time. {@link #close()} frees zlib memory and must not race
 * either side.
 */
public final class WebSocketCodec implements AutoCloseable {
    /** Which side of the connection this codec plays. */
    public enum Role {
        /** Expects masked frames, sends unmasked ones. */
        SERVER,
        /** Expects unmasked frames, sends masked ones. */
        CLIENT
    }

    /** A server never masks, so it never draws a key. */
    private static final RandomGenerator NO_KEYS = () -> 0L;

    private final Role role;
    private final PerMessageDeflate deflate;
    private final FrameDecoder decoder;
    private final RandomGenerator maskKeys;
    private WsEvent.Failure failure;
    private boolean closeReceived;

    /** A codec whose CLIENT role draws masking keys from a {@link SecureRandom}, as section 10.3 asks. */
    public WebSocketCodec(Role role, WebSocketLimits limits, Optional<DeflateParams> deflate) {
        this(role, limits, deflate, role == Role.CLIENT ? new SecureRandom() : NO_KEYS);
    }

    /**
     * @param role     the side we play
     * @param limits   the size limits for received messages
     * @param deflate  the agreed permessage-deflate parameters, if negotiated
     * @param maskKeys where a CLIENT draws its masking keys (a seeded generator makes tests repeatable)
     */
    public WebSocketCodec(Role role, WebSocketLimits limits, Optional<DeflateParams> deflate,
            RandomGenerator maskKeys) {
        this.role = Objects.requireNonNull(role, "role");
        Objects.requireNonNull(limits, "limits");
        this.maskKeys = Objects.requireNonNull(maskKeys, "maskKeys");
        this.deflate = deflate.map(p -> new PerMessageDeflate(p, role == Role.SERVER, limits.maxMessageBytes()))
                .orElse(null);
        this.decoder = new FrameDecoder(role == Role.SERVER, limits.maxMessageBytes(), this.deflate);
    }

    /** @return the side this codec plays */
    public Role role() {
        return role;
    }

    /** @return whether permessage-deflate is on */
    public boolean deflateNegotiated() {
        return deflate != null;
    }

    /** Takes all remaining bytes of {@code bytes} (copied); after a Close or a failure they are dropped. */
    public void feed(ByteBuffer bytes) {
        if (failure != null || closeReceived) {
            bytes.position(bytes.limit());
            return;
        }
        decoder.feed(bytes);
    }

    /** Releases the input buffer's spare room when nothing is buffered (an idle connection's timer tick). */
    public void releaseDrainedInput() {
        decoder.releaseDrainedInput();
    }

    /** @return how many received bytes are buffered and not yet decoded */
    public int buffered() {
        return decoder.buffered();
    }

    /** @return the next event, {@link WsEvent#NEED_DATA}, or the terminal {@link WsEvent.Failure} */
    public WsEvent next() {
        if (failure != null) {
            return failure;
        }
        if (closeReceived) {
            return WsEvent.NEED_DATA;
        }
        try {
            WsEvent e = decoder.next();
            if (e instanceof WsEvent.Close) {
                closeReceived = true; // RFC 6455 section 5.5.1: the peer sends nothing after its Close
                decoder.discardInput();
            }
            return e;
        } catch (WsProtocolException ex) {
            failure = ex.toEvent();
            decoder.discardInput();
            return failure;
        }
    }

    /** @return {@code message} as one frame with FIN set, compressed (RSV1) when deflate was negotiated */
    public ByteBuffer[] message(WebSocketMessage message) {
        Objects.requireNonNull(message, "message");
        ByteBuffer payload = switch (message) {
            case WebSocketMessage.Text t -> ByteBuffer.wrap(CloseFrames.utf8("text message", t.text()));
            case WebSocketMessage.Binary b -> b.bytes().asReadOnlyBuffer();
        };
        int opcode = message instanceof WebSocketMessage.Text ? Opcodes.TEXT : Opcodes.BINARY;
        int rsv = 0;
        if (deflate != null && payload.hasRemaining()) {
            payload = deflate.compress(payload);
            rsv = Opcodes.RSV1; // RFC 7692 section 6: RSV1 on the first (here the only) frame marks it compressed
        }
        return FrameEncoder.frame(true, rsv, opcode, payload, maskKey());
    }

    /** @return a Ping frame; {@code payload} is at most 125 bytes */
    public ByteBuffer[] ping(Bytes payload) {
        return control(Opcodes.PING, "ping", payload.asReadOnlyBuffer());
    }

    /** @return a Pong frame; {@code payload} is at most 125 bytes */
    public ByteBuffer[] pong(Bytes payload) {
        return control(Opcodes.PONG, "pong", payload.asReadOnlyBuffer());
    }

    /**
     * @param code   a code an endpoint may send (1000-1003, 1007-1014, 3000-4999), or 1005 for an empty payload
     * @param reason the reason, cut on a character boundary to fit the 125-byte payload; empty for 1005
     * @return a Close frame
     */
    public ByteBuffer[] close(int code, String reason) {
        return control(Opcodes.CLOSE, "close", ByteBuffer.wrap(CloseFrames.payload(code, reason)));
    }

    private ByteBuffer[] control(int opcode, String what, ByteBuffer payload) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException(what + " payload is " + payload.remaining()
                    + " bytes; a control frame carries at most 125 (RFC 6455 section 5.5)");
        }
        return FrameEncoder.frame(true, 0, opcode, payload, maskKey());
    }

    /**
     * Builds any frame, illegal ones included, for tests and the compliance suite.
     *
     * @param rsv     the reserved bits as 0-7 ({@link Opcodes#RSV1} is 0b100)
     * @param opcode  0-15
     * @param maskKey a 4-byte masking key, or empty for an unmasked frame
     * @return the header and, unless empty, the payload (a read-only view when unmasked)
     */
    public static ByteBuffer[] frame(boolean fin, int rsv, int opcode, Bytes payload, Optional<byte[]> maskKey) {
        return FrameEncoder.frame(fin, rsv, opcode, payload.asReadOnlyBuffer(), maskKey.orElse(null));
    }

    private byte[] maskKey() {
        if (role == Role.SERVER) {
            return null;
        }
        int k = maskKeys.nextInt();
        return new byte[] {(byte) (k >> 24), (byte) (k >> 16), (byte) (k >> 8), (byte) k};
    }

    /** Frees the zlib memory of permessage-deflate, if any. Idempotent; the codec is unusable afterwards. */
    @Override
    public void close() {
        if (deflate != null) {
            deflate.close();
        }
    }
}
