/**
 * The sans-IO WebSocket core (RFC 6455, with RFC 7692 permessage-deflate): {@link
 * org.pagi.protocol.websocket.WebSocketHandshake} for the opening handshake, {@link
 * org.pagi.protocol.websocket.WebSocketCodec} for frames (bytes in, {@link org.pagi.protocol.websocket.WsEvent}s
 * out; messages in, bytes out; server or client role). Every rejection is a {@link
 * org.pagi.protocol.websocket.WsViolation} with its close code and RFC rule. Imports {@code java.*}, the spec and
 * {@code Http1Writer} (for the 101 head) only: no channels, sockets, threads, clocks or loggers. Start at
 * {@code WebSocketCodec}.
 */
package org.pagi.protocol.websocket;
