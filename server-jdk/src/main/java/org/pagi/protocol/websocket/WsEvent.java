package org.pagi.protocol.websocket;

import java.util.Objects;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.WebSocketMessage;

/**
 * What {@link WebSocketCodec#next()} yields: a whole message, a control frame, a request for more bytes, or the
 * terminal failure. Records compare by value, so tests compare whole event lists.
 */
public sealed interface WsEvent {
    /** The one {@link NeedData} instance the codec returns. */
    NeedData NEED_DATA = new NeedData();

    /** A complete data message: reassembled from its fragments, decompressed, and (for text) valid UTF-8. */
    record Message(WebSocketMessage message) implements WsEvent {
        /** Checks for null. */
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A Ping frame; the server answers with a Pong carrying the same payload (RFC 6455 section 5.5.2). */
    record Ping(Bytes payload) implements WsEvent {
        /** Checks for null. */
        public Ping {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A Pong frame, solicited or not (RFC 6455 section 5.5.3). */
    record Pong(Bytes payload) implements WsEvent {
        /** Checks for null. */
        public Pong {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A Close frame. After it the codec ignores further input (RFC 6455 section 5.5.1: nothing follows a Close).
     *
     * @param code   the peer's code, already checked; 1005 when the frame had no payload
     * @param reason the peer's reason, already checked to be UTF-8; empty when absent
     */
    record Close(int code, String reason) implements WsEvent {
        /** Checks for null. */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The bytes so far hold no complete event: feed more. */
    record NeedData() implements WsEvent {
    }

    /**
     * The peer broke the protocol. Terminal: every later {@code next()} returns the same failure. The server sends
     * a Close with {@link #closeCode()} and closes the connection.
     *
     * @param violation the rule broken
     * @param detail    where and how; at most an offending byte in hex and its offset, never the raw input
     */
    record Failure(WsViolation violation, String detail) implements WsEvent {
        /** Checks for nulls. */
        public Failure {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(detail, "detail");
        }

        /** @return the close code to send: the violation's */
        public int closeCode() {
            return violation.closeCode();
        }
    }
}
