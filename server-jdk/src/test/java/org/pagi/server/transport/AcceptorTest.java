package org.pagi.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptor driven by hand on a loop that is not running: a failing accept (out of file descriptors) pauses
 * accepting instead of spinning, and connections beyond the limit never take a slot.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AcceptorTest {
    private SelectorLoop loop;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        loop = new SelectorLoop("acceptor-test");
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        loop.selector().close();
    }

    @Test
    void pausesAcceptingAfterAFailedAcceptInsteadOfSpinning() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean(true);
        ConnectionSlots slots = new ConnectionSlots(10);
        Acceptor acceptor = new Acceptor(server, () -> {
            calls.incrementAndGet();
            if (failing.get()) {
                throw new IOException("Too many open files");
            }
            return server.accept();
        }, List.of(loop), slots, new Refuser(loop, Optional.empty()), (ch, l) -> { });
        acceptor.register();
        SelectionKey key = server.keyFor(loop.selector());
        try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            assertEquals(1, loop.selector().select(5000), "the pending connection makes the listener ready");
            loop.selector().selectedKeys().clear();
            long beforePause = System.nanoTime();
            acceptor.ready(key);
            assertEquals(1, calls.get(), "one failed accept, no retry loop");
            assertTrue(acceptor.paused());
            assertEquals(1, acceptor.pauses());
            assertEquals(0, key.interestOps(), "no accept interest while paused");
            assertEquals(0, loop.selector().selectNow(), "the still-pending connection no longer wakes the loop");

            acceptor.tick(beforePause);
            assertTrue(acceptor.paused(), "a tick before the pause is over changes nothing");
            acceptor.tick(beforePause + Acceptor.PAUSE_NANOS * 2);
            assertFalse(acceptor.paused());
            assertEquals(SelectionKey.OP_ACCEPT, key.interestOps());

            failing.set(false);
            assertEquals(1, loop.selector().select(5000), "the pending connection is reported again");
            loop.selector().selectedKeys().clear();
            acceptor.ready(key);
            assertEquals(1, slots.taken(), "accepted within the limit, holding a slot");
            assertEquals(1, acceptor.pauses());
        }
    }

    @Test
    void refusesBeyondTheLimitWithoutTakingASlot() throws IOException {
        ConnectionSlots slots = new ConnectionSlots(1);
        assertTrue(slots.tryAcquire());
        Acceptor acceptor = new Acceptor(server, server::accept, List.of(loop), slots,
                new Refuser(loop, Optional.empty()), (ch, l) -> { });
        acceptor.register();
        try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            assertEquals(1, loop.selector().select(5000));
            loop.selector().selectedKeys().clear();
            acceptor.ready(server.keyFor(loop.selector()));
            assertEquals(1, slots.taken());
            assertEquals(-1, client.read(ByteBuffer.allocate(16)), "closed at once without an answer");
        }
    }
}
