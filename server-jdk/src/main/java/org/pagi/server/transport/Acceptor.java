package org.pagi.server.transport;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Accepts connections on the first loop and deals them out to every loop in turn, so each connection lives on
 * exactly one loop for its whole life. A connection beyond the open-connection limit goes to the {@link Refuser}
 * instead.
 *
 * <p>When {@code accept} fails (EMFILE, ENFILE: out of file descriptors), the pending connection stays in the
 * kernel's queue and the listening socket stays ready, so retrying at the next select would spin a core. Accepting
 * pauses instead for {@link #PAUSE_NANOS} (resumed at the first loop tick after it), with one log line per pause.
 */
final class Acceptor implements SelectorLoop.Selectable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    /** How long accepting pauses after a failed accept: long enough for connections to close and free descriptors. */
    static final long PAUSE_NANOS = 100_000_000L;
    /** Connections accepted per readiness event before the loop's own connections get a turn. */
    private static final int ACCEPTS_PER_TURN = 256;

    /** The listening socket's accept, replaceable in tests by one that fails. */
    interface Accept {
        /** @return the next connection, or null when none is pending */
        SocketChannel accept() throws IOException;
    }

    private final ServerSocketChannel server;
    private final Accept accept;
    private final List<SelectorLoop> loops;
    private final ConnectionSlots slots;
    private final Refuser refuser;
    private final BiConsumer<SocketChannel, SelectorLoop> onAccept;
    private SelectionKey key;
    private int next;
    private boolean paused;
    private long resumeAt;
    private long pauses;

    Acceptor(ServerSocketChannel server, Accept accept, List<SelectorLoop> loops, ConnectionSlots slots,
            Refuser refuser, BiConsumer<SocketChannel, SelectorLoop> onAccept) {
        this.server = server;
        this.accept = accept;
        this.loops = loops;
        this.slots = slots;
        this.refuser = refuser;
        this.onAccept = onAccept;
    }

    void register() throws IOException {
        server.configureBlocking(false);
        key = server.register(loops.get(0).selector(), SelectionKey.OP_ACCEPT, this);
    }

    /** A connection that cannot be set up is closed and logged; it never takes the listener down with it. */
    private void handOff(SocketChannel ch, SelectorLoop loop) {
        try {
            onAccept.accept(ch, loop);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not set up an accepted connection; closed it", e);
            slots.release();
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void ready(SelectionKey k) {
        for (int i = 0; i < ACCEPTS_PER_TURN && !paused; i++) {
            SocketChannel ch;
            try {
                ch = accept.accept();
            } catch (IOException e) {
                pause(e);
                return;
            }
            if (ch == null) {
                return;
            }
            if (!slots.tryAcquire()) {
                refuser.refuse(ch);
                continue;
            }
            SelectorLoop loop = loops.get(next);
            next = (next + 1) % loops.size();
            loop.execute(() -> handOff(ch, loop));
        }
    }

    private void pause(IOException cause) {
        paused = true;
        pauses++;
        resumeAt = System.nanoTime() + PAUSE_NANOS;
        if (key.isValid()) {
            key.interestOps(0);
        }
        loops.get(0).addTicker(this);
        LOG.log(System.Logger.Level.WARNING, "accept failed (" + cause.getMessage() + "); accepting pauses for "
                + PAUSE_NANOS / 1_000_000 + " ms. Out of file descriptors? The open-file limit (ulimit -n) must be "
                + "above maxConnections (" + slots.limit() + ") plus " + ConnectionSlots.REFUSALS_IN_PROGRESS);
    }

    @Override
    public void tick(long nowNanos) {
        if (paused && nowNanos - resumeAt >= 0) {
            paused = false;
            loops.get(0).removeTicker(this);
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /** @return whether accepting is paused after a failed accept */
    boolean paused() {
        return paused;
    }

    /** @return how many times accepting paused */
    long pauses() {
        return pauses;
    }
}
