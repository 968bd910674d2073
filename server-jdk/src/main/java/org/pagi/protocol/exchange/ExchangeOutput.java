package org.pagi.protocol.exchange;

import org.pagi.spec.RequestScope;
import org.pagi.spec.server.InboundQueue;

/**
 * What an {@link Http1Connection} asks its transport to do. The connection decides; the transport acts. All
 * calls come on the connection's own thread.
 */
public interface ExchangeOutput {

    /** Runs nothing: for writes nobody waits on. */
    Runnable NOTHING = () -> { };

    /**
     * Queues buffers for the peer, in order, to be written with one gathering write where possible. The buffers
     * may be read-only views of application data; the transport does not modify them.
     *
     * @param onFlushed runs (on the connection's thread) once all of them were handed to the network
     */
    void write(java.nio.ByteBuffer[] buffers, Runnable onFlushed);

    /** Queues bytes for the peer; see {@link #write(java.nio.ByteBuffer[], Runnable)}. */
    default void write(byte[] bytes, Runnable onFlushed) {
        write(new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(bytes)}, onFlushed);
    }

    /**
     * Calls the application for a new request (an {@code http}, {@code sse} or {@code websocket} scope). The transport wires {@code receive} to {@code inbound} and
     * {@code send} to {@link Http1Connection#send}, and reports the application's end with
     * {@link Http1Connection#applicationFinished}.
     */
    void startApplication(RequestScope scope, InboundQueue inbound, Exchange exchange);

    /**
     * Runs {@code task} on the connection's thread after the current task: for hops from the application's
     * thread, and to break recursion (a pipelined request starting inside the previous response's send).
     */
    void later(Runnable task);

    /** Stops reading from the peer: the application is not taking the request body fast enough. */
    void pauseReading();

    /** Resumes reading from the peer. */
    void resumeReading();

    /** Closes the connection once everything queued is written ({@code abort}: at once, discarding it). */
    void close(boolean abort);

    /** A request ended (its response complete, or the exchange aborted): for the access log. */
    void completed(Exchange exchange);

    /** Something went wrong that an operator should hear about; the connection already acted on it. */
    void problem(String message, Throwable cause);
}
