package org.pagi.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread: it owns its connections, their buffers and their sockets, runs the tasks other threads
 * hand it ({@link #execute}), and checks timeouts four times a second.
 *
 * <h2>Theory of operation</h2>
 * Each turn: run queued tasks, select (sleeping at most until the next timeout check; not at all while the loop
 * has tasks of its own waiting), dispatch ready keys to their {@link Selectable}. A task queued from another thread wakes
 * the selector, at most once per turn (the {@code awake} flag), because {@code wakeup()} is a system call. The
 * one read buffer is shared by every connection of the loop: the parser copies what it keeps.
 */
public final class SelectorLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());
    private static final long TICK_NANOS = 250_000_000L;

    /** Something registered with the selector. */
    interface Selectable {
        /** The key is ready. Runs on the loop. */
        void ready(SelectionKey key);

        /** A timeout tick. Runs on the loop. */
        default void tick(long nowNanos) {
        }
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayList<Runnable> later = new ArrayList<>();
    private final AtomicBoolean awake = new AtomicBoolean();
    private final Set<Selectable> tickers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // 128 KiB: a 64 KiB upload and its head arrive in one read, so the application gets the body in one piece.
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(128 * 1024);
    private final String name;
    private volatile Thread thread;
    private volatile boolean running = true;
    private long nextTick;

    /** @param name the thread's name */
    public SelectorLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.name = name;
    }

    /** Starts the loop on a new platform thread. */
    public void start() {
        Thread t = Thread.ofPlatform().name(name).daemon(false).unstarted(this);
        thread = t;
        t.start();
    }

    /** @return whether the caller is this loop's thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop: at once if called from it, otherwise at its next turn. */
    public void execute(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /** Runs {@code task} on the loop at its next turn, even when called from the loop itself. */
    public void submit(Runnable task) {
        if (inLoop()) {
            later.add(task);
            return;
        }
        tasks.add(task);
        if (awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    Selector selector() {
        return selector;
    }

    /** Makes a sleeping select return, so an interest change made from another thread takes effect. */
    void wakeup() {
        if (!inLoop() && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    void addTicker(Selectable s) {
        tickers.add(s);
    }

    void removeTicker(Selectable s) {
        tickers.remove(s);
    }

    /** @return how many connections this loop serves */
    public int connectionCount() {
        return tickers.size();
    }

    /** Stops the loop after its current turn and closes the selector. */
    public void stop() {
        running = false;
        selector.wakeup();
    }

    /** Waits for the loop thread to end. */
    public void join() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }

    @Override
    public void run() {
        org.pagi.spec.server.EventLoopThreads.markCurrent();   // blocking wrapper calls fail fast here
        nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (running) {
                runTasks();
                long wait = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                int ready = later.isEmpty() && tasks.isEmpty() ? selector.select(wait) : selector.selectNow();
                awake.set(false);
                if (ready > 0) {
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (key.isValid() && key.attachment() instanceof Selectable s) {
                            try {
                                s.ready(key);
                            } catch (Throwable e) {
                                contain(e, "connection handler failed; closing it");
                                key.cancel();
                                closeQuietly(key);
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    for (Selectable s : tickers) {
                        tickSafely(s, now);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.ERROR, "selector loop " + name + " failed", e);
        } finally {
            runTasks();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * Runs the tasks other threads queued, then one batch of the loop's own ({@link #submit} from the loop).
     * Tasks the batch queues wait for the next turn, after the ready keys: a sender that defers its completion
     * to the next turn (see {@code NioConnection}'s burst limit) cannot keep the others waiting.
     */
    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            runSafely(t);
        }
        if (!later.isEmpty()) {
            List<Runnable> batch = new ArrayList<>(later);
            later.clear();
            batch.forEach(SelectorLoop::runSafely);
        }
    }

    private static void runSafely(Runnable t) {
        try {
            t.run();
        } catch (Throwable e) {
            contain(e, "loop task failed");
        }
    }

    /** A ticker that throws is closed like a failing handler: its timeouts could no longer be trusted. */
    private void tickSafely(Selectable s, long now) {
        try {
            s.tick(now);
        } catch (Throwable e) {
            contain(e, "timeout check failed; closing its connection");
            tickers.remove(s);
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() == s) {
                    key.cancel();
                    closeQuietly(key);
                }
            }
        }
    }

    /**
     * Logs what one connection or task threw, so that it cannot stop the loop and with it every other connection:
     * a bug, a {@code NoClassDefFoundError} when descriptors ran out, a deep recursion, an allocation too large for
     * the heap (closing the connection frees what it held). Only the JVM's own breakdowns end the loop.
     */
    private static void contain(Throwable e, String what) {
        if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError || e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
        LOG.log(System.Logger.Level.ERROR, what, e);
    }

    private static void closeQuietly(SelectionKey key) {
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
