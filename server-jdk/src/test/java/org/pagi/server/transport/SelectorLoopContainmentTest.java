package org.pagi.server.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever one connection throws on the loop (an exception, a {@code NoClassDefFoundError}, a stack overflow) closes
 * that connection only: the loop keeps running its tasks and serving the others.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectorLoopContainmentTest {
    private SelectorLoop loop;
    private ServerSocketChannel listener;

    @BeforeEach
    void start() throws IOException {
        loop = new SelectorLoop("containment-test");
        loop.start();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        loop.stop();
        loop.join();
        listener.close();
    }

    @Test
    void aHandlerThatThrowsAnErrorIsClosedAndTheLoopGoesOn() throws Exception {
        try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                SocketChannel accepted = listener.accept()) {
            accepted.configureBlocking(false);
            SelectorLoop.Selectable broken = key -> {
                throw new NoClassDefFoundError("org/example/Missing");
            };
            onLoop(() -> register(accepted, SelectionKey.OP_WRITE, broken));
            awaitClosed(accepted);
            assertLoopAlive();
        }
    }

    @Test
    void aTickerThatOverflowsItsStackIsClosedAndTheLoopGoesOn() throws Exception {
        try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                SocketChannel accepted = listener.accept()) {
            accepted.configureBlocking(false);
            SelectorLoop.Selectable broken = new SelectorLoop.Selectable() {
                @Override
                public void ready(SelectionKey key) {
                }

                @Override
                public void tick(long nowNanos) {
                    throw new StackOverflowError();
                }
            };
            onLoop(() -> {
                register(accepted, 0, broken);
                loop.addTicker(broken);
            });
            awaitClosed(accepted);
            assertFalse(loopHasTickers(), "the failed ticker is no longer checked");
            assertLoopAlive();
        }
    }

    @Test
    void aTaskThatThrowsAnErrorDoesNotStopTheTasksAfterIt() throws Exception {
        loop.execute(() -> {
            throw new LinkageError("broken task");
        });
        assertLoopAlive();
    }

    private void register(SocketChannel ch, int ops, SelectorLoop.Selectable s) {
        try {
            ch.register(loop.selector(), ops, s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onLoop(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        assertTrue(done.await(5, TimeUnit.SECONDS), "the loop ran the task");
    }

    private boolean loopHasTickers() throws InterruptedException {
        boolean[] has = new boolean[1];
        onLoop(() -> has[0] = loop.connectionCount() > 0);
        return has[0];
    }

    private static void awaitClosed(SocketChannel ch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ch.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(ch.isOpen(), "the failing connection was closed");
    }

    private void assertLoopAlive() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            onLoop(() -> { });
        }
    }
}
