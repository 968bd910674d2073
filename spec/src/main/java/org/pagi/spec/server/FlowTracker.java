package org.pagi.spec.server;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.pagi.spec.TransportFlow;

/**
 * The reference {@link TransportFlow}: counts bytes queued for a client and fires the watermark callbacks.
 *
 * <p>The owner calls {@link #queued(long)} when bytes enter its outbound buffer and {@link #written(long)} when
 * the network takes them. Crossing up to the high mark fires {@code onHighWater} once; falling back below the
 * low mark fires {@code onDrain} once; then the cycle re-arms (hysteresis, so a buffer hovering at one mark
 * does not flap).
 *
 * <p>Thread-safe. Callbacks run on the reporting thread, outside the lock.
 */
public final class FlowTracker implements TransportFlow {
    private static final System.Logger LOG = System.getLogger(FlowTracker.class.getName());

    /** 64 KiB: the common default of Node streams, asyncio transports and uvicorn. */
    public static final long DEFAULT_HIGH_WATER = 64 * 1024;
    /** 16 KiB: a quarter of the high mark, as asyncio's default low-water mark. */
    public static final long DEFAULT_LOW_WATER = 16 * 1024;

    private final long high;
    private final long low;
    // Created on first registration: most connections never register a callback.
    private List<Runnable> onHigh = List.of();
    private List<Runnable> onDrain = List.of();
    private long buffered;
    private boolean aboveHigh;

    /** @return a tracker with the default marks */
    public FlowTracker() {
        this(DEFAULT_HIGH_WATER, DEFAULT_LOW_WATER);
    }

    /**
     * @param highWaterMark bytes at or above which backpressure engages, 1 or more
     * @param lowWaterMark  bytes below which it releases, 0 to {@code highWaterMark}
     */
    public FlowTracker(long highWaterMark, long lowWaterMark) {
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("highWaterMark must be 1 or more, got " + highWaterMark);
        }
        if (lowWaterMark < 0 || lowWaterMark > highWaterMark) {
            throw new IllegalArgumentException(
                    "lowWaterMark must be 0 to highWaterMark (" + highWaterMark + "), got " + lowWaterMark);
        }
        this.high = highWaterMark;
        this.low = lowWaterMark;
    }

    @Override
    public synchronized long bufferedAmount() {
        return buffered;
    }

    @Override
    public OptionalLong highWaterMark() {
        return OptionalLong.of(high);
    }

    @Override
    public OptionalLong lowWaterMark() {
        return OptionalLong.of(low);
    }

    @Override
    public void onHighWater(Runnable callback) {
        synchronized (this) {
            onHigh = append(onHigh, callback);
            if (!aboveHigh) {
                return;
            }
        }
        run(callback);
    }

    @Override
    public synchronized void onDrain(Runnable callback) {
        onDrain = append(onDrain, callback);
    }

    private static List<Runnable> append(List<Runnable> list, Runnable callback) {
        List<Runnable> out = new ArrayList<>(list);
        out.add(java.util.Objects.requireNonNull(callback, "callback"));
        return List.copyOf(out);
    }

    /** @return whether a sender should wait: the buffer is at or above the high mark and has not drained yet */
    public synchronized boolean isBackpressured() {
        return aboveHigh;
    }

    /** Records {@code bytes} entering the outbound buffer. */
    public void queued(long bytes) {
        List<Runnable> fire = List.of();
        synchronized (this) {
            buffered = Math.addExact(buffered, checkCount(bytes));
            if (!aboveHigh && buffered >= high) {
                aboveHigh = true;
                fire = onHigh;
            }
        }
        fire.forEach(FlowTracker::run);
    }

    /** Records {@code bytes} leaving the outbound buffer for the network. */
    public void written(long bytes) {
        List<Runnable> fire = List.of();
        synchronized (this) {
            if (checkCount(bytes) > buffered) {
                throw new IllegalStateException("wrote " + bytes + " bytes but only " + buffered + " were queued");
            }
            buffered -= bytes;
            if (aboveHigh && (buffered < low || buffered == 0)) {
                aboveHigh = false;
                fire = onDrain;
            }
        }
        fire.forEach(FlowTracker::run);
    }

    private static long checkCount(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count must be 0 or more, got " + bytes);
        }
        return bytes;
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pagi.transport callback failed", e);
        }
    }
}
