/**
 * The WebSocket wrapper: {@link org.pagi.wrappers.websocket.WebSocket} (async) and its
 * {@link org.pagi.wrappers.websocket.BlockingWebSocket} view, the messages it yields
 * ({@link org.pagi.wrappers.websocket.Received}), close-code rules ({@link org.pagi.wrappers.websocket.CloseCode})
 * and the origin allow-list {@link org.pagi.wrappers.websocket.OriginCheck}.
 */
package org.pagi.wrappers.websocket;
