package org.pagi.protocol.websocket;

import org.pagi.protocol.bytes.ReadBuffer;
import java.nio.ByteBuffer;
import org.pagi.spec.Bytes;

/**
 * Turns received bytes into {@link WsEvent}s: frame headers are checked against RFC 6455 section 5 (and RFC 7692
 * section 6 when permessage-deflate is on), payloads are unmasked in place and handed on as they arrive.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   HEADER --complete header, rules pass--> PAYLOAD --all payload bytes seen--> HEADER
 *                                              |  data frame: each piece goes to the MessageAssembler at once
 *                                              |  control frame: collected (at most 125 bytes), then an event
 *   any rule broken (header or payload) -----------------------------------------------> throws, codec FAILED
 * </pre>
 * A data frame with FIN completes the open message and yields {@link WsEvent.Message}; a control frame yields its
 * event, and may arrive between the fragments of a message (section 5.4), which stays open meanwhile. The tricky
 * case is the partial payload: {@link #next()} hands whatever payload bytes have arrived to the assembler before
 * asking for more, so invalid UTF-8 fails at the first bad byte even while the rest of the frame is in flight.
 *
 * <p>Not thread-safe; owned by the {@link WebSocketCodec}.
 */
final class FrameDecoder {
    private final boolean expectMasked;
    private final boolean deflate;
    private final ReadBuffer in = new ReadBuffer();
    private final MessageAssembler message;
    private final byte[] control = new byte[125];
    private FrameHeader header;
    private long remaining;
    private int payloadPos;

    /**
     * @param expectMasked whether frames must be masked (we are the server) or must not be (we are the client)
     * @param deflate      the decompressor, or null when permessage-deflate was not negotiated
     */
    FrameDecoder(boolean expectMasked, long maxBytes, PerMessageDeflate deflate) {
        this.expectMasked = expectMasked;
        this.deflate = deflate != null;
        this.message = new MessageAssembler(maxBytes, deflate);
    }

    void feed(ByteBuffer bytes) {
        in.append(bytes);
    }

    void releaseDrainedInput() {
        in.releaseIfDrained();
    }

    int buffered() {
        return in.available();
    }

    void discardInput() {
        in.clear();
    }

    /** @return the next event, or {@link WsEvent#NEED_DATA} */
    WsEvent next() throws WsProtocolException {
        while (true) {
            if (header == null) {
                FrameHeader h = FrameHeader.peek(in);
                if (h == null) {
                    return WsEvent.NEED_DATA;
                }
                check(h);
                in.skip(h.size());
                startFrame(h);
            }
            int n = (int) Math.min(remaining, in.available());
            if (n > 0) {
                payload(n);
            }
            if (remaining > 0) {
                return WsEvent.NEED_DATA;
            }
            FrameHeader done = header;
            header = null;
            if (done.isControl()) {
                return controlEvent(done.opcode(), payloadPos);
            }
            if (done.fin()) {
                return new WsEvent.Message(message.finish());
            }
        }
    }

    private void startFrame(FrameHeader h) {
        header = h;
        remaining = h.length();
        payloadPos = 0;
        if (h.opcode() == Opcodes.TEXT || h.opcode() == Opcodes.BINARY) {
            message.start(h.opcode() == Opcodes.TEXT, h.rsv1());
        }
    }

    /** Unmasks the next {@code n} payload bytes in place and hands them on. */
    private void payload(int n) throws WsProtocolException {
        byte[] b = in.array();
        int p = in.readPos();
        if (header.masked()) {
            Masking.apply(b, p, n, header.maskKey(), (int) (payloadPos & 3));
        }
        if (header.isControl()) {
            System.arraycopy(b, p, control, payloadPos, n);
        } else {
            message.append(b, p, n);
        }
        in.skip(n);
        remaining -= n;
        payloadPos += n;
    }

    private WsEvent controlEvent(int opcode, int len) throws WsProtocolException {
        return switch (opcode) {
            case Opcodes.PING -> new WsEvent.Ping(Bytes.of(control, 0, len));
            case Opcodes.PONG -> new WsEvent.Pong(Bytes.of(control, 0, len));
            default -> CloseFrames.read(control, len);
        };
    }

    /** Applies the header rules, in the order a reader of RFC 6455 section 5.2 meets them. */
    private void check(FrameHeader h) throws WsProtocolException {
        int op = h.opcode();
        if ((h.rsv() & (Opcodes.RSV2 | Opcodes.RSV3)) != 0) {
            // Section 5.2: "MUST be 0 unless an extension is negotiated that defines meanings"; none defines these.
            fail(WsViolation.RESERVED_BITS, "RSV2/RSV3 set on opcode 0x%X".formatted(op));
        }
        if (Opcodes.isReserved(op)) {
            fail(WsViolation.RESERVED_OPCODE, "opcode 0x%X".formatted(op));
        }
        if (h.masked() != expectMasked) {
            // Section 5.1: a server closes on an unmasked frame, a client on a masked one.
            fail(expectMasked ? WsViolation.UNMASKED_CLIENT_FRAME : WsViolation.MASKED_SERVER_FRAME,
                    (expectMasked ? "unmasked" : "masked") + " frame, opcode 0x%X".formatted(op));
        }
        if (h.length() < 0) {
            fail(WsViolation.LENGTH_MOST_SIGNIFICANT_BIT, "64-bit payload length with its top bit set");
        }
        if (h.lengthBytes() == 2 && h.length() < 126 || h.lengthBytes() == 8 && h.length() <= 0xFFFF) {
            fail(WsViolation.NON_MINIMAL_LENGTH,
                    "length " + h.length() + " written in " + h.lengthBytes() + " extra bytes");
        }
        if (h.isControl()) {
            checkControl(h);
        } else {
            checkData(h);
        }
    }

    private void checkControl(FrameHeader h) throws WsProtocolException {
        if (h.rsv1()) {
            // RFC 7692 section 6.1 once deflate is on; otherwise RSV1 means nothing, and section 5.2 applies.
            fail(deflate ? WsViolation.COMPRESSED_CONTROL_FRAME : WsViolation.RESERVED_BITS,
                    "RSV1 set on control opcode 0x%X".formatted(h.opcode()));
        }
        if (!h.fin()) {
            fail(WsViolation.FRAGMENTED_CONTROL_FRAME, "FIN clear on control opcode 0x%X".formatted(h.opcode()));
        }
        if (h.length() > control.length) {
            fail(WsViolation.CONTROL_FRAME_TOO_LONG,
                    "control opcode 0x%X with a %d-byte payload".formatted(h.opcode(), h.length()));
        }
    }

    private void checkData(FrameHeader h) throws WsProtocolException {
        boolean continuation = h.opcode() == Opcodes.CONTINUATION;
        if (h.rsv1() && !deflate) {
            fail(WsViolation.RESERVED_BITS, "RSV1 set, but no extension was negotiated");
        }
        if (continuation && !message.isOpen()) {
            fail(WsViolation.CONTINUATION_WITHOUT_START, "continuation frame with no message in progress");
        }
        if (continuation && h.rsv1()) {
            fail(WsViolation.COMPRESSED_CONTINUATION, "RSV1 set on a continuation frame");
        }
        if (!continuation && message.isOpen()) {
            fail(WsViolation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE,
                    "opcode 0x%X before the fragmented message ended".formatted(h.opcode()));
        }
        boolean compressed = continuation ? message.compressed() : h.rsv1();
        long limit = message.wireLimit(compressed);
        long before = continuation ? message.wireBytes() : 0;
        // Checked from the header, before any payload arrives: a peer cannot make us wait for, or hold, the excess.
        if (h.length() > limit - before) {
            fail(WsViolation.MESSAGE_TOO_BIG, "frame of " + h.length() + " bytes takes the message past " + limit);
        }
    }

    private static void fail(WsViolation v, String detail) throws WsProtocolException {
        throw new WsProtocolException(v, detail);
    }
}
