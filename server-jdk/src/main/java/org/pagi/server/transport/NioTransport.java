package org.pagi.server.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The selector loops of a server and its listening socket: the only public way into the transport package.
 * Thread-safe for its lifecycle methods.
 */
public final class NioTransport {
    private final List<SelectorLoop> loops;
    private ServerSocketChannel server;
    private Refuser refuser;

    /**
     * @param loopCount how many selector threads
     * @param name      the prefix of their names
     */
    public NioTransport(int loopCount, String name) throws IOException {
        List<SelectorLoop> list = new ArrayList<>(loopCount);
        for (int i = 0; i < loopCount; i++) {
            list.add(new SelectorLoop(name + "-" + i));
        }
        this.loops = List.copyOf(list);
    }

    /**
     * Binds, starts the loops and accepts.
     *
     * @param address  a TCP address, or a {@link UnixDomainSocketAddress}
     * @param backlog  the listen backlog: connections the kernel queues before they are accepted
     * @param slots    the open-connection limit; the caller gives a slot back when its connection closes
     * @param refusal  the response for a connection beyond the limit; empty to close it at once (TLS)
     * @param onAccept runs on the chosen loop for every accepted socket within the limit, which holds a slot
     * @return the bound address (an ephemeral port resolved)
     */
    public synchronized SocketAddress start(SocketAddress address, int backlog, ConnectionSlots slots,
            Optional<Supplier<byte[]>> refusal, BiConsumer<SocketChannel, SelectorLoop> onAccept) throws IOException {
        ServerSocketChannel ch = address instanceof UnixDomainSocketAddress
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            if (!(address instanceof UnixDomainSocketAddress)) {
                ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            }
            ch.bind(address, backlog);
            refuser = new Refuser(loops.get(0), refusal);
            Acceptor acceptor = new Acceptor(ch, ch::accept, loops, slots, refuser, onAccept);
            acceptor.register();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        server = ch;
        loops.forEach(SelectorLoop::start);
        return ch.getLocalAddress();
    }

    /** @return the loops */
    public List<SelectorLoop> loops() {
        return loops;
    }

    /** Closes the listening socket and the refusals in progress (on their loop, which owns their keys). */
    public void stopAccepting() {
        ServerSocketChannel ch;
        Refuser r;
        synchronized (this) {
            ch = server;
            r = refuser;
            server = null;
        }
        if (ch != null) {
            loops.get(0).execute(() -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                r.closeAll();
            });
        }
    }

    /** Stops every loop and waits for their threads. */
    public void stop() throws InterruptedException {
        loops.forEach(SelectorLoop::stop);
        for (SelectorLoop l : loops) {
            l.join();
        }
    }
}
