/**
 * The 10-chat-showcase example: a multi-user chat (rooms, commands, presence) over HTTP, WebSocket and SSE. Its
 * {@link org.pagi.examples.chatshowcase.ChatServer} and {@link org.pagi.examples.chatshowcase.ChatProtocol} also
 * serve websocket-chat-v2, which differs only in its WebSocket handler. Several instances sharing a channel
 * ({@code PAGI_CHANNEL}) are one chat: {@link org.pagi.examples.chatshowcase.ChatRelay}. See
 * {@code examples/10-chat-showcase/README.md}.
 */
package org.pagi.examples.chatshowcase;
