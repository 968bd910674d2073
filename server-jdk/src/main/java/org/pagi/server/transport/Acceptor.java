package org.pagi.server.transport;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Accepts connections on the first loop and deals them out to every loop in turn, so each connection lives on
 * exactly one loop for its whole life.
 */
final class Acceptor implements SelectorLoop.Selectable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final ServerSocketChannel server;
    private final List<SelectorLoop> loops;
    private final BiConsumer<SocketChannel, SelectorLoop> onAccept;
    private int next;

    Acceptor(ServerSocketChannel server, List<SelectorLoop> loops, BiConsumer<SocketChannel, SelectorLoop> onAccept) {
        this.server = server;
        this.loops = loops;
        this.onAccept = onAccept;
    }

    void register() throws IOException {
        server.configureBlocking(false);
        server.register(loops.get(0).selector(), SelectionKey.OP_ACCEPT, this);
    }

    /** A connection that cannot be set up is closed and logged; it never takes the listener down with it. */
    private void handOff(SocketChannel ch, SelectorLoop loop) {
        try {
            onAccept.accept(ch, loop);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not set up an accepted connection; closed it", e);
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void ready(SelectionKey key) {
        for (int i = 0; i < 256; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // EMFILE and friends: log and let the next readiness try again rather than spin here
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            SelectorLoop loop = loops.get(next);
            next = (next + 1) % loops.size();
            loop.execute(() -> handOff(ch, loop));
        }
    }
}
