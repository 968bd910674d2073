/**
 * The WebSocket and SSE load benchmark that {@code jmh/run-ws-sse.sh} runs: {@link org.pagi.jmh.load.BenchApp}
 * (echo every WebSocket message; stream N events of S bytes), {@link org.pagi.jmh.load.BenchServer} (the PAGI
 * server running it), and two load programs on the JDK's {@code java.net.http} client,
 * {@link org.pagi.jmh.load.WsEchoLoad} and {@link org.pagi.jmh.load.SseLoad}. They print figures and never judge
 * them. {@link org.pagi.jmh.load.AttackLoad} is the attack program of {@code jmh/run-attack.sh}, on raw NIO sockets.
 * Imports the spec, the server and the JDK only. Start reading at {@code BenchApp}.
 */
package org.pagi.jmh.load;
