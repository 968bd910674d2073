/**
 * Byte plumbing the sans-IO codecs share: {@link org.pagi.protocol.bytes.ReadBuffer}, the input buffer of the
 * HTTP/1.1 parser and the WebSocket frame decoder. Like every {@code protocol} package it imports no channels,
 * sockets, threads, clocks or loggers.
 */
package org.pagi.protocol.bytes;
