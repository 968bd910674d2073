/**
 * The test client's wire mode: raw HTTP/1.1 bytes pushed through the server's production protocol core
 * ({@code org.pagi.protocol.exchange.Http1Connection}) with no socket, for tests about exact bytes, including
 * WebSocket frames ({@code WireWebSocket}) and event streams ({@code WireSseStream}) read with the production
 * codecs. Imports the spec, the protocol packages of server-jdk and the JDK; never a transport. Start at
 * {@code WireClient}.
 */
package org.pagi.testing.wire;
