/**
 * Example 04, WebSocket echo: accepts every handshake and sends each message back, text with an {@code echo: }
 * prefix, binary unchanged, until the client closes. Imports {@code org.pagi.spec} only. See
 * {@code examples/04-websocket-echo/README.md}.
 */
package org.pagi.examples.websocketecho;
