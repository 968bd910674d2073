/**
 * The thin NIO transport: {@link org.pagi.server.transport.NioTransport} (the listening socket and the
 * selector loops), {@link org.pagi.server.transport.SelectorLoop} (one thread owning its connections),
 * {@link org.pagi.server.transport.NioConnection} (reads, writes, backpressure, timeouts). The only package that
 * imports {@code java.nio.channels}; it knows no HTTP beyond handing bytes to {@code protocol.exchange}.
 */
package org.pagi.server.transport;
