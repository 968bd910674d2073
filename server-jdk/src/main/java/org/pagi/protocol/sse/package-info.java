/**
 * The sans-IO Server-Sent Events codec (WHATWG HTML section 9.2): {@link org.pagi.protocol.sse.SseEncoder} turns
 * {@code sse.*} events into stream bytes for servers, and {@link org.pagi.protocol.sse.SseDecoder} reads a stream
 * back into {@link org.pagi.protocol.sse.SseItem}s, as a browser's {@code EventSource} would, for test clients and
 * the compliance suite. Imports {@code java.*} and the spec only: no channels, sockets, threads, clocks or
 * loggers. Start at {@code SseDecoder}.
 */
package org.pagi.protocol.sse;
