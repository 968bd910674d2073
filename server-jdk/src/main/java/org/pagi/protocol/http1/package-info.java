/**
 * The sans-IO HTTP/1.1 codec: {@link org.pagi.protocol.http1.Http1Parser} (bytes in, events out; server or
 * client role) and {@link org.pagi.protocol.http1.Http1Writer} (message parts to bytes). Every rejection is a
 * {@link org.pagi.protocol.http1.Violation} with its status and RFC rule. Imports {@code java.*} and the spec
 * only: no channels, sockets, threads, clocks or loggers. Start at {@code Http1Parser}.
 */
package org.pagi.protocol.http1;
