/**
 * The websocket-echo-v2 example: example 04's echo written with the wrappers' {@code WebSocket}. See
 * {@code examples/websocket-echo-v2/README.md}.
 */
package org.pagi.examples.websocketechov2;
