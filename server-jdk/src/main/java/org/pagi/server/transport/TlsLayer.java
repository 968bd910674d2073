package org.pagi.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.pagi.server.tls.BufferPool;
import org.pagi.server.tls.TlsException;
import org.pagi.server.tls.TlsSession;

/**
 * The byte path of one TLS connection: socket → {@link TlsSession#unwrap} → {@code Http1Connection.received} on
 * the way in; {@code NioConnection.write} → {@link TlsSession#wrap} → socket on the way out. To the write path
 * (and its {@link WriteQueue}) it is a channel that takes application bytes: {@link #write} encrypts what it can
 * and says how much it took. The handshake runs through the same calls, on the connection's loop, never blocking
 * it; only the engine's delegated tasks (certificate checks, signatures) run elsewhere, on a virtual thread, with
 * reading paused until they come back to the loop.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   readable ─read into the loop's buffer─> pump: tasks? ─yes─> run them off the loop, pump again on the loop
 *                                                 wrap waiting? ─> send it (handshake, alert, close_notify)
 *                                                 handshake just done? ─> NioConnection.established()
 *                                                 unwrap one record's worth ─> Http1Connection.received
 * </pre>
 * A record that arrives in pieces, and records that must wait (reading paused, a task running, the socket full
 * for a handshake reply), stay in the session; {@link #resume()} picks them up. Records the socket did not take
 * wait in {@code pending}, one pooled buffer; nothing more is encrypted until it is gone, so records leave in the
 * order the engine made them. A send counts as flushed once its bytes are encrypted: at most one buffer of
 * records sits in user space, like bytes in the kernel's send buffer.
 *
 * <p>The tricky case is failure: a handshake refused, a record that does not decrypt, a renegotiation, bytes that
 * are not TLS. The engine's alert, if any, is sent best effort, the socket closes with a FIN, and the
 * {@code Http1Connection} hears that the transport closed: nothing escapes to the loop. Handshake failures are
 * the client's fault and log at DEBUG, so a scanner cannot flood the log.
 *
 * <p>Owned by its {@link NioConnection} and used under its lock, like the rest of it.
 */
final class TlsLayer implements GatheringByteChannel {
    private static final System.Logger LOG = System.getLogger(TlsLayer.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Reads per readiness event before other connections get a turn, as for cleartext. */
    private static final int READS_PER_TURN = 16;

    private final NioConnection owner;
    private final SocketChannel socket;
    private final TlsSession session;
    private final BufferPool buffers;
    private final Executor tasks;
    private final long handshakeDeadline;
    private ByteBuffer pending;
    private boolean tasksRunning;
    private boolean announced;
    private boolean failed;
    private boolean inputEnded;
    private long sentBytes;

    /**
     * @param handshakeNanos how long the handshake may take from the accept, however the client trickles its
     *                       bytes; a silent client is cut off sooner by the connection's idle timeout
     */
    TlsLayer(NioConnection owner, SocketChannel socket, TlsSession session, Executor tasks, long handshakeNanos) {
        this.owner = owner;
        this.socket = socket;
        this.session = session;
        this.buffers = session.buffers();
        this.tasks = tasks;
        this.handshakeDeadline = System.nanoTime() + handshakeNanos;
    }

    TlsSession session() {
        return session;
    }

    /** The socket is readable. Runs on the loop, holding the lock. */
    void readable() {
        if (inputEnded) {
            owner.readInterest(false); // the peer's close_notify came: nothing more is read
            return;
        }
        ByteBuffer buf = owner.loop().readBuffer();
        for (int i = 0; i < READS_PER_TURN && !owner.isClosed() && !owner.readPaused() && !tasksRunning && !failed;
                i++) {
            buf.clear();
            int n;
            try {
                n = socket.read(buf);
            } catch (IOException e) {
                owner.http().readFailed();
                return;
            }
            if (n < 0) {
                session.closeInbound();
                owner.http().receivedEof();
                return;
            }
            if (n == 0) {
                return;
            }
            owner.touch();
            if (!session.established() && System.nanoTime() - handshakeDeadline > 0) {
                fail(new TlsException("the handshake took too long"));
                return;
            }
            buf.flip();
            pump(buf);
            if (n < buf.capacity()) {
                return; // the socket is drained for now
            }
        }
    }

    /** Reading may go on: decrypt what waited. Runs on the loop, holding the lock. */
    void resume() {
        if (!tasksRunning && !failed && !owner.isClosed()) {
            pump(EMPTY);
        }
    }

    private void pump(ByteBuffer net) {
        ByteBuffer app = null;
        try {
            while (!owner.isClosed() && !failed) {
                if (session.needsTasks()) {
                    session.hold(net);
                    startTasks();
                    return;
                }
                if (session.wantsWrap() && !sendWaiting()) {
                    session.hold(net);
                    return; // the socket is full: flush() goes on, then resume()
                }
                announce();
                if (owner.readPaused() || inputEnded) {
                    session.hold(net);
                    return;
                }
                if (!net.hasRemaining() && !session.hasBufferedInput()) {
                    return;
                }
                if (app == null) {
                    app = buffers.take();
                } else {
                    app.clear();
                }
                session.unwrap(net, app);
                announce(); // before the first application byte: the connection's scopes carry the TLS facts
                app.flip();
                boolean delivered = app.hasRemaining();
                if (delivered) {
                    owner.http().received(app);
                }
                if (session.inboundDone()) {
                    endOfInput();
                    return;
                }
                if (!delivered && !session.needsTasks() && !session.wantsWrap()) {
                    return; // half a record: the rest is on its way
                }
            }
        } catch (TlsException e) {
            fail(e);
        } catch (IOException e) {
            owner.http().writeFailed();
        } finally {
            if (app != null) {
                buffers.give(app);
            }
        }
    }

    /** The peer sent close_notify: answer it if the engine wants to (TLS 1.2), then it is the end of input. */
    private void endOfInput() throws IOException {
        inputEnded = true;
        sendWaiting();
        owner.readInterest(false);
        owner.http().receivedEof();
    }

    private void announce() {
        if (!announced && session.established()) {
            announced = true;
            owner.established();
        }
    }

    private void startTasks() {
        tasksRunning = true;
        owner.readInterest(false); // level-triggered: a readable socket would wake the loop for nothing
        try {
            tasks.execute(() -> {
                try {
                    session.runTasks();
                } finally {
                    owner.later(this::tasksDone);
                }
            });
        } catch (RejectedExecutionException e) {
            session.runTasks(); // the server is stopping: finish here rather than strand the connection
            tasksDone();
        }
    }

    private void tasksDone() {
        tasksRunning = false;
        if (owner.isClosed() || failed) {
            return;
        }
        if (!owner.readPaused()) {
            owner.readInterest(true);
        }
        pump(EMPTY);
    }

    /**
     * Sends what the engine has waiting (handshake messages, an alert, close_notify) after the records still
     * pending.
     *
     * @return false when the socket did not take it all; writability is then watched
     */
    private boolean sendWaiting() throws IOException {
        if (!flushPending()) {
            owner.writeInterest(true);
            return false;
        }
        while (session.wantsWrap()) {
            ByteBuffer out = buffers.take();
            try {
                session.wrapPending(out);
            } catch (TlsException e) {
                buffers.give(out);
                throw e;
            }
            out.flip();
            if (!out.hasRemaining()) {
                buffers.give(out);
                break;
            }
            sentBytes += socket.write(out);
            if (out.hasRemaining()) {
                pending = out;
                owner.writeInterest(true);
                return false;
            }
            buffers.give(out);
        }
        announce();
        return true;
    }

    private boolean flushPending() throws IOException {
        if (pending == null) {
            return true;
        }
        sentBytes += socket.write(pending);
        if (pending.hasRemaining()) {
            return false;
        }
        buffers.give(pending);
        pending = null;
        return true;
    }

    /**
     * Encrypts application bytes and writes the records; stops when the socket stops taking them.
     *
     * @return how many application bytes were taken (encrypted, written or pending)
     * @throws TlsException when the engine refuses (the connection is closing or broken)
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!flushPending()) {
            return 0;
        }
        long taken = 0;
        while (hasRemaining(srcs, offset, length)) {
            ByteBuffer out = buffers.take();
            long n;
            try {
                n = session.wrap(srcs, offset, length, out);
            } catch (TlsException e) {
                buffers.give(out);
                throw e;
            }
            taken += n;
            out.flip();
            if (!out.hasRemaining()) {
                buffers.give(out);
                if (n == 0) {
                    break;
                }
                continue;
            }
            sentBytes += socket.write(out);
            if (out.hasRemaining()) {
                pending = out;
                break;
            }
            buffers.give(out);
        }
        return taken;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    private static boolean hasRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** @return every record byte the socket has taken so far: how the write deadline sees progress */
    long sentBytes() {
        return sentBytes;
    }

    /** @return whether no records wait for the socket */
    boolean idle() {
        return pending == null;
    }

    /**
     * Writes the records still pending and what the engine has waiting; when {@code closing}, close_notify first
     * (RFC 8446 section 6.1: the closing side sends it before closing its write side). Call it only once the
     * write queue is empty, so close_notify follows every response byte.
     *
     * @return whether everything is out; if not, writability is watched
     */
    boolean drain(boolean closing) {
        try {
            if (closing && !failed && session.established() && !session.outboundDone()) {
                session.closeOutbound(); // before the handshake there is no session to close: just the socket
            }
            boolean done = sendWaiting();
            if (done && !closing && !tasksRunning && session.hasBufferedInput()) {
                owner.later(this::resume); // input waited behind a handshake reply the socket did not take at once
            }
            return done;
        } catch (TlsException e) {
            if (!closing) {
                fail(e);
            }
            return true;
        } catch (IOException e) {
            return true; // nothing more can be written: close
        }
    }

    private void fail(TlsException e) {
        failed = true;
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS connection failed: " + e.getMessage());
        try {
            // The engine reports a failed task at the next wrap, then writes its alert: two tries are enough.
            for (int i = 0; i < 3 && session.wantsWrap(); i++) {
                try {
                    sendWaiting();
                    break;
                } catch (TlsException again) {
                    // the alert comes with the next wrap
                }
            }
        } catch (IOException ignored) {
            // the peer is gone; the alert was a courtesy
        }
        owner.closeAfterFailure();
    }

    /** Gives back the buffers; the connection is closed. */
    void release() {
        if (pending != null) {
            buffers.give(pending);
            pending = null;
        }
        session.release();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
