package org.pagi.wrappers.websocket;

/**
 * What {@link WebSocket#receive()} yields: a {@link Message} from the peer, or {@link Closed} once the socket is
 * closed. Switch over it exhaustively:
 *
 * <pre>{@code
 * switch (received) {
 *     case Message.Text t -> ...;
 *     case Message.Binary b -> ...;
 *     case Closed c -> ...;
 * }
 * }</pre>
 */
public sealed interface Received permits Message, Closed {
}
