package org.pagi.protocol.websocket;

/**
 * The limits of the WebSocket codec. Every one is a server setting.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>name</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>maxMessageBytes</td><td>16 MiB</td><td>close 1009 ({@link WsViolation#MESSAGE_TOO_BIG}, or
 *       {@link WsViolation#DECOMPRESSED_TOO_BIG} when inflating)</td></tr>
 * </table>
 * The limit applies to one frame's payload (checked from its header, before the payload arrives) and to a whole
 * message after reassembly and decompression. 16 MiB is uvicorn's {@code ws_max_size} default; the Python
 * {@code websockets} library uses 1 MiB and Jetty 64 KiB for text. A message is held in one array, so the limit
 * is at most {@link #MAX_MESSAGE_BYTES}.
 *
 * @param maxMessageBytes the largest frame payload and the largest (reassembled, decompressed) message
 */
public record WebSocketLimits(long maxMessageBytes) {
    /** Default message limit. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The largest limit: a reassembled message lives in one Java array. */
    public static final long MAX_MESSAGE_BYTES = Integer.MAX_VALUE - 8;

    /** Checks the limit, naming it. */
    public WebSocketLimits {
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    "maxMessageBytes must be 1 to " + MAX_MESSAGE_BYTES + ", got " + maxMessageBytes);
        }
    }

    /** @return the defaults */
    public static WebSocketLimits defaults() {
        return new WebSocketLimits(DEFAULT_MAX_MESSAGE_BYTES);
    }
}
