/**
 * The websocket-chat-v2 example: the chat showcase with its WebSocket handler written with the wrappers. See
 * {@code examples/websocket-chat-v2/README.md}.
 */
package org.pagi.examples.websocketchatv2;
