package org.pagi.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers connections accepted beyond the open-connection limit, on the acceptor's loop and without the cost of a
 * real connection (no parser, no {@code Http1Connection}, no slot).
 *
 * <h2>Theory of operation</h2>
 * A 503 written before the request arrives, followed by a close, often reaches the client as a reset: its request
 * lands on a closed socket. So a refused connection first reads what the client sends, up to {@link #READ_LIMIT}
 * bytes within {@link #READ_NANOS}: once the request head is complete (or the limit or deadline is reached with at
 * least a request line read) it gets the 503, a half-close (FIN), and a drain of what the client still sends, up to
 * {@link #DRAIN_LIMIT} bytes within {@link #DRAIN_NANOS}, so that the close does not reset the response away. With
 * nothing readable in time it is just closed. At most {@link ConnectionSlots#REFUSALS_IN_PROGRESS} refusals run at
 * once; beyond, and on TLS listeners (which cannot speak cleartext), a refused connection is closed at once.
 *
 * <p>Not thread-safe: runs on the acceptor's loop only. Deadlines are checked at the loop's ticks (four a second),
 * for which it registers as a ticker while a refusal is in progress.
 */
final class Refuser implements SelectorLoop.Selectable {
    private static final System.Logger LOG = System.getLogger(Refuser.class.getName());
    /** The most of a request head read before answering: the default limits' request line. */
    static final int READ_LIMIT = 8 * 1024;
    /** How long the request head may take: a client that has it ready sends it at once. */
    static final long READ_NANOS = 1_000_000_000L;
    /** What the client may still send after the 503 before the close. */
    static final int DRAIN_LIMIT = 64 * 1024;
    /** How long to wait for the client's own close after the 503. */
    static final long DRAIN_NANOS = 1_000_000_000L;

    private final SelectorLoop loop;
    private final Optional<Supplier<byte[]>> response;
    private final Set<Refused> inProgress = new HashSet<>();
    private boolean ticking;
    private long refusedTotal;

    /**
     * @param loop     the acceptor's loop
     * @param response the 503 to send; empty to close every refused connection at once (TLS)
     */
    Refuser(SelectorLoop loop, Optional<Supplier<byte[]>> response) {
        this.loop = loop;
        this.response = response;
    }

    /** Refuses {@code channel}: answers it when it can, closes it at once otherwise. Runs on the loop. */
    void refuse(SocketChannel channel) {
        if (refusedTotal++ % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, "at the open-connection limit: refusing new connections ("
                    + refusedTotal + " so far; logged every 1000)");
        }
        if (response.isEmpty() || inProgress.size() >= ConnectionSlots.REFUSALS_IN_PROGRESS) {
            closeQuietly(channel);
            return;
        }
        Refused r = new Refused(channel, System.nanoTime() + READ_NANOS);
        try {
            channel.configureBlocking(false);
            r.key = channel.register(loop.selector(), SelectionKey.OP_READ, r);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return;
        }
        inProgress.add(r);
        if (!ticking) {
            ticking = true;
            loop.addTicker(this);
        }
    }

    /** Closes every refusal in progress: the server is stopping. Runs on the loop. */
    void closeAll() {
        for (Refused r : Set.copyOf(inProgress)) {
            finish(r);
        }
    }

    /** @return refused connections being answered */
    int inProgress() {
        return inProgress.size();
    }

    @Override
    public void ready(SelectionKey key) {
        // the refusals have keys of their own; this one is only a ticker
    }

    @Override
    public void tick(long nowNanos) {
        for (Refused r : Set.copyOf(inProgress)) {
            if (nowNanos - r.deadline >= 0) {
                if (r.answered) {
                    finish(r);
                } else {
                    answerOrClose(r);
                }
            }
        }
    }

    /** One refused socket: reading its head, or draining after the 503. */
    private final class Refused implements SelectorLoop.Selectable {
        final SocketChannel channel;
        final ByteBuffer head = ByteBuffer.allocate(READ_LIMIT);
        SelectionKey key;
        long deadline;
        boolean answered;
        int drained;

        Refused(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        @Override
        public void ready(SelectionKey k) {
            try {
                if (answered) {
                    drain(this);
                } else {
                    readHead(this);
                }
            } catch (IOException e) {
                finish(this); // reset or gone: nothing more to say
            }
        }
    }

    private void readHead(Refused r) throws IOException {
        int n = r.channel.read(r.head);
        if (n < 0 || headComplete(r.head) || !r.head.hasRemaining()) {
            answerOrClose(r);
        }
    }

    /** The 503 when a request line arrived, then the half-close and the drain; otherwise just the close. */
    private void answerOrClose(Refused r) {
        if (!hasLine(r.head)) {
            finish(r);
            return;
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(response.orElseThrow().get());
            r.channel.write(out); // a few hundred bytes into an empty send buffer: one write takes them
            r.channel.shutdownOutput();
        } catch (IOException e) {
            finish(r);
            return;
        }
        r.answered = true;
        r.deadline = System.nanoTime() + DRAIN_NANOS;
        try {
            drain(r); // the client may have closed already
        } catch (IOException e) {
            finish(r);
        }
    }

    private void drain(Refused r) throws IOException {
        ByteBuffer scratch = loop.readBuffer();
        while (true) {
            scratch.clear();
            int n = r.channel.read(scratch);
            if (n < 0 || r.drained + n > DRAIN_LIMIT) {
                finish(r);
                return;
            }
            if (n == 0) {
                return;
            }
            r.drained += n;
        }
    }

    private void finish(Refused r) {
        if (r.key != null) {
            r.key.cancel();
        }
        closeQuietly(r.channel);
        inProgress.remove(r);
        if (inProgress.isEmpty() && ticking) {
            ticking = false;
            loop.removeTicker(this);
        }
    }

    /** @return whether the bytes read so far end a request head (an empty line, CRLF or bare LF) */
    static boolean headComplete(ByteBuffer head) {
        for (int i = 1; i < head.position(); i++) {
            if (head.get(i) == '\n' && (head.get(i - 1) == '\n'
                    || i >= 2 && head.get(i - 1) == '\r' && head.get(i - 2) == '\n')) {
                return true;
            }
        }
        return false;
    }

    /** @return whether at least one line (the request line) has arrived */
    private static boolean hasLine(ByteBuffer head) {
        for (int i = 0; i < head.position(); i++) {
            if (head.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
