package org.pagi.server.transport;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import org.pagi.protocol.exchange.Exchange;
import org.pagi.protocol.exchange.ExchangeOutput;
import org.pagi.protocol.exchange.Http1Connection;
import org.pagi.server.tls.TlsSession;
import org.pagi.spec.RequestScope;
import org.pagi.spec.server.InboundQueue;

/**
 * One accepted socket on a {@link SelectorLoop}: reads into the loop's shared buffer and feeds the sans-IO
 * {@link Http1Connection}; writes what it asks, straight away when the socket takes it and through a
 * {@link WriteQueue} when it does not; applies the timeout of the connection's current phase, the minimum
 * request-body rate and the write deadline. Over TLS the bytes pass through a {@link TlsLayer} both ways, and the
 * {@code Http1Connection} is made again once the handshake is done, so that its scopes carry the TLS facts; until
 * then a bare one stands in that never sees a byte (its idle timeout bounds a silent handshake).
 *
 * <h2>Threads</h2>
 * The loop reads, handles writability and ticks; an application on a virtual thread sends directly, writing to
 * the socket itself instead of handing each event to the loop (a hand-off costs a selector wake-up and two
 * thread switches). Both hold {@link #lock()} while they touch this object or its {@code Http1Connection}, so
 * the sans-IO connection still sees one caller at a time. Application code never runs while the lock is held
 * by the server on its behalf: stages are completed for the application only after the lock is released.
 *
 * <p>The file is over 400 lines on purpose: reading, the write queue, TLS, timeouts and the fairness limit all act on
 * the same socket, lock and flags, and splitting them would pass every field between classes.
 */
public final class NioConnection implements ExchangeOutput, SelectorLoop.Selectable {
    private static final System.Logger LOG = System.getLogger(NioConnection.class.getName());
    /** Reads per readiness event before other connections get a turn. */
    private static final int READS_PER_TURN = 16;
    /**
     * Bytes a connection may write straight to the socket, with the send completing at once, before its next send
     * completes on a later loop turn instead. Without it an application that sends in a loop to a fast reader (an
     * SSE stream, a WebSocket firehose) never yields: on the event loop its chain of completed stages runs inside
     * one dispatch, and on a virtual thread it never parks, so every other connection waits. 256 KiB keeps
     * ordinary responses, 64 KiB echoes included, on the fast path.
     */
    private static final long BURST_BYTES = 256 * 1024;

    /** What the connection needs from the server around it. */
    public interface Host {
        /** Calls the application for an exchange of {@code connection}. */
        void startApplication(NioConnection connection, RequestScope scope, InboundQueue inbound, Exchange exchange);

        /** An exchange ended. */
        void completed(Exchange exchange);

        /** The connection closed. */
        void closed(NioConnection connection);

        /** @return the timeouts for the phases */
        Timeouts timeouts();
    }

    /**
     * @param keepAlive        idle time between requests
     * @param header           time for a request head once it started
     * @param body             longest silence while a body is read
     * @param minBodyRate      least average request-body rate in bytes per second; 0 is off
     * @param minBodyRateGrace time the server waits for a body before its rate is judged
     * @param write            longest time queued output may wait without the socket taking a byte
     */
    public record Timeouts(Duration keepAlive, Duration header, Duration body, long minBodyRate,
            Duration minBodyRateGrace, Duration write) {
    }

    /**
     * What a TLS connection needs beside its socket.
     *
     * @param session the connection's TLS session, its handshake not begun
     * @param tasks   where the engine's delegated tasks run, off the loop (virtual threads)
     */
    public record Security(TlsSession session, java.util.concurrent.Executor tasks) {
    }

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final Host host;
    private final WriteQueue queue = new WriteQueue();
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private Http1Connection http;
    private java.util.function.Function<NioConnection, Http1Connection> protocol;
    private TlsLayer tls;
    private SelectionKey key;
    private boolean closing;
    private boolean closed;
    private boolean readPaused;
    private long lastActivity = System.nanoTime();
    private long burst;
    private long phaseStart = System.nanoTime();
    private Http1Connection.Phase lastPhase = Http1Connection.Phase.IDLE;
    /** Bytes the socket took straight from {@link #write} (cleartext; TLS counts its own). */
    private long sent;
    /** {@link #bytesSent()} at the last tick, and since when it has not moved while output waited; -1: none waits. */
    private long sentAtTick;
    private long stalledSince = -1;

    private NioConnection(SocketChannel channel, SelectorLoop loop, Host host) {
        this.channel = channel;
        this.loop = loop;
        this.host = host;
    }

    /**
     * Registers an accepted socket with its loop and starts reading. Runs on the loop.
     *
     * @param protocol makes the sans-IO connection that this socket feeds
     */
    public static NioConnection open(SocketChannel channel, SelectorLoop loop, Host host,
            java.util.function.Function<NioConnection, Http1Connection> protocol) throws IOException {
        return open(channel, loop, host, protocol, Optional.empty());
    }

    /**
     * Registers an accepted socket with its loop and starts reading, through TLS when {@code security} is given.
     * Runs on the loop.
     *
     * @param protocol makes the sans-IO connection that this socket feeds; over TLS it is called again once the
     *                 handshake is done, when {@link #tlsSession()} is present
     */
    public static NioConnection open(SocketChannel channel, SelectorLoop loop, Host host,
            java.util.function.Function<NioConnection, Http1Connection> protocol, Optional<Security> security)
            throws IOException {
        NioConnection c = new NioConnection(channel, loop, host);
        c.protocol = protocol;
        c.http = protocol.apply(c);
        if (security.isPresent()) {
            c.tls = new TlsLayer(c, channel, security.get().session(), security.get().tasks(),
                    host.timeouts().header().toNanos());
        }
        c.register();
        return c;
    }

    private void register() throws IOException {
        channel.configureBlocking(false);
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // TCP only: a Unix socket has no Nagle
        }
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        loop.addTicker(this);
    }

    /** @return the sans-IO connection */
    public Http1Connection http() {
        return http;
    }

    /** @return the TLS session once its handshake is done; empty before, and for cleartext */
    public Optional<TlsSession> tlsSession() {
        return tls != null && tls.session().established() ? Optional.of(tls.session()) : Optional.empty();
    }

    /** The TLS handshake is done: the sans-IO connection is made again, now with the TLS facts. */
    void established() {
        http = protocol.apply(this);
    }

    /** @return the loop that owns this connection */
    public SelectorLoop loop() {
        return loop;
    }

    /** @return the lock that serialises the loop and application threads on this connection */
    public java.util.concurrent.locks.ReentrantLock lock() {
        return lock;
    }

    @Override
    public void ready(SelectionKey k) {
        // An application thread holds the lock only while it hands one event to the connection, and yields after
        // BURST_BYTES (see write), so this wait is short; spinning instead would take the core the holder needs.
        lock.lock();
        burst = 0; // the loop is serving this connection now: it had its turn
        try {
            if (k.isValid() && k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable() && !closed) {
                read();
            }
        } finally {
            lock.unlock();
        }
    }

    private void read() {
        if (tls != null) {
            tls.readable();
            return;
        }
        ByteBuffer buf = loop.readBuffer();
        for (int i = 0; i < READS_PER_TURN && !closed && !readPaused; i++) {
            buf.clear();
            int n;
            try {
                n = channel.read(buf);
            } catch (IOException e) {
                http.readFailed();
                return;
            }
            if (n < 0) {
                http.receivedEof();
                return;
            }
            if (n == 0) {
                return;
            }
            lastActivity = System.nanoTime();
            buf.flip();
            http.received(buf);
            if (buf.position() < buf.limit() || n < buf.capacity()) {
                return; // the socket is drained for now
            }
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, Runnable onFlushed) {
        if (closed) {
            onFlushed.run(); // nobody to write to: the send completes as a no-op
            return;
        }
        if (queue.isEmpty() && (tls == null || tls.idle())) {
            try {
                sent += out().write(buffers); // one gathering write: head, chunk line, body view, CRLF
            } catch (IOException e) {
                http.writeFailed();
                return;
            }
            lastActivity = System.nanoTime();
            if (allWritten(buffers) && (tls == null || tls.idle())) {
                for (ByteBuffer b : buffers) {
                    burst += b.limit();
                }
                if (burst > BURST_BYTES) {
                    burst = 0;
                    later(onFlushed); // the sender waits one loop turn, and everyone else gets theirs
                } else {
                    onFlushed.run();
                }
                return;
            }
        }
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i].hasRemaining() || i == buffers.length - 1) {
                queue.add(buffers[i], i == buffers.length - 1 ? onFlushed : NOTHING);
            }
        }
        interest(SelectionKey.OP_WRITE, true);
    }

    private static boolean allWritten(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return false;
            }
        }
        return true;
    }

    /** @return where application bytes go: the socket, or the TLS layer in front of it */
    private java.nio.channels.GatheringByteChannel out() {
        return tls == null ? channel : tls;
    }

    /** @return whether TLS has nothing left to write (when {@code closing}, close_notify included) */
    private boolean tlsDrained(boolean closing) {
        return tls == null || tls.drain(closing);
    }

    private void flush() {
        try {
            boolean all = queue.flush(out()) && tlsDrained(closing);
            lastActivity = System.nanoTime();
            if (all) {
                interest(SelectionKey.OP_WRITE, false);
                if (closing) {
                    closeNow(false);
                }
            }
        } catch (IOException e) {
            http.writeFailed();
        }
    }

    @Override
    public void startApplication(RequestScope scope, InboundQueue inbound, Exchange exchange) {
        host.startApplication(this, scope, inbound, exchange);
    }

    @Override
    public void later(Runnable task) {
        loop.submit(() -> runLocked(task));
    }

    /** Runs {@code task} under the lock on the loop (the wait is short: see {@link #ready}). */
    private void runLocked(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pauseReading() {
        readPaused = true;
        interest(SelectionKey.OP_READ, false);
    }

    @Override
    public void resumeReading() {
        readPaused = false;
        interest(SelectionKey.OP_READ, true);
        lastActivity = System.nanoTime();
        if (tls != null) {
            later(tls::resume); // records decrypted ahead of the pause wait in the session
        }
    }

    @Override
    public void close(boolean abort) {
        if (closed) {
            return;
        }
        if (abort || queue.isEmpty() && tlsDrained(true)) {
            closeNow(abort);
        } else {
            closing = true;
            interest(SelectionKey.OP_READ, false);
            interest(SelectionKey.OP_WRITE, true);
        }
    }

    private void closeNow(boolean abort) {
        if (closed) {
            return;
        }
        closed = true;
        queue.drop();
        if (tls != null) {
            tls.release();
        }
        loop.removeTicker(this);
        if (key != null) {
            key.cancel();
        }
        try {
            if (abort && channel.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
                // A reset, not a FIN: the client must see a broken response, never a clean end of a truncated one.
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
        }
        http.transportClosed(); // tells a running exchange the socket is gone, if it did not know yet
        host.closed(this);
    }

    @Override
    public void completed(Exchange exchange) {
        host.completed(exchange);
    }

    @Override
    public void problem(String message, Throwable cause) {
        LOG.log(System.Logger.Level.ERROR, message, cause);
    }

    @Override
    public void tick(long now) {
        if (!lock.tryLock()) {
            return; // an application thread is sending: the connection is not idle anyway
        }
        try {
            tickLocked(now);
        } finally {
            lock.unlock();
        }
    }

    private void tickLocked(long now) {
        http.tick(); // keepalive pings and comments, WebSocket timeouts
        Timeouts t = host.timeouts();
        if (closed || writeStalled(now, t.write())) {
            return;
        }
        http.checkBodyRate(t.minBodyRate(), t.minBodyRateGrace().toNanos());
        Http1Connection.Phase phase = http.phase();
        if (phase != lastPhase) {
            lastPhase = phase;
            lastActivity = now;
            phaseStart = now;
            return;
        }
        // The head has a deadline from its first byte, not a silence limit: a client that sends a byte now and then
        // (slowloris) would otherwise hold the connection for ever. Idle and body waits are silence limits.
        long since = phase == Http1Connection.Phase.HEAD ? phaseStart : lastActivity;
        Duration limit = switch (phase) {
            case IDLE -> t.keepAlive();
            case HEAD -> t.header();
            case BODY -> t.body();
            case APPLICATION, CLOSED -> null;
        };
        if (limit != null && now - since > limit.toNanos()) {
            http.timedOut();
        }
    }

    /**
     * The write deadline: output waits and the socket has taken none of it for {@code limit} (a client that stopped
     * reading). The client is dropped, the exchange hears {@code write_timeout}, and pending sends complete as the
     * no-ops a send after a disconnect is.
     *
     * @return whether the connection was dropped
     */
    private boolean writeStalled(long now, Duration limit) {
        boolean waiting = !queue.isEmpty() || tls != null && !tls.idle();
        long progress = bytesSent();
        if (!waiting) {
            stalledSince = -1;
            return false;
        }
        if (stalledSince < 0 || progress != sentAtTick) {
            sentAtTick = progress;
            stalledSince = now;
            return false;
        }
        if (now - stalledSince <= limit.toNanos()) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, () -> "write timeout: " + peer() + " took no byte for " + limit.toMillis()
                + " ms with " + queue.queuedBytes() + " bytes waiting; connection dropped");
        http.writeTimedOut();
        closeNow(true); // the sans-IO side may have closed already and only the queue was left
        return true;
    }

    /** @return every byte the socket has taken from this connection so far */
    private long bytesSent() {
        return tls != null ? tls.sentBytes() : sent + queue.written();
    }

    private String peer() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a client";
        }
    }

    /** TLS failed: close with a FIN (the alert, if any, is out), telling a running exchange. */
    void closeAfterFailure() {
        closeNow(false);
    }

    boolean readPaused() {
        return readPaused;
    }

    /** Bytes arrived: the connection is not idle. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    void readInterest(boolean on) {
        interest(SelectionKey.OP_READ, on);
    }

    void writeInterest(boolean on) {
        interest(SelectionKey.OP_WRITE, on);
    }

    /** @return whether the socket is closed */
    public boolean isClosed() {
        return closed;
    }

    private void interest(int op, boolean on) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int next = on ? ops | op : ops & ~op;
        if (next != ops) {
            key.interestOps(next);
            if (on) {
                loop.wakeup(); // from an application thread, a sleeping select would not see the change
            }
        }
    }

    /** @return the channel, for the server's bookkeeping */
    public SocketChannel channel() {
        return channel;
    }
}
