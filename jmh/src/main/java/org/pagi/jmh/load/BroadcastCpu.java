package org.pagi.jmh.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who was busy during one phase of {@link BroadcastLoad}: the CPU time of this JVM and of the store's process
 * ({@link CpuClock}), and of this JVM's threads grouped by name with the numbers left out ({@code pagi-loop-#}: the
 * servers' selector loops, {@code HttpClient-#-SelectorManager}: the clients' readers, {@code broadcast-client-#}:
 * their executor running the subscribers, {@code lettuce-nioEventLoop-#-#}: the Redis client, {@code main}: the
 * publisher), in percent of one core. Threads that ended during the phase are left out.
 *
 * <p>Not thread-safe: the main thread starts and reads it.
 */
final class BroadcastCpu {
    /** A group below this share of one core is left out of the report, in percent. */
    private static final double SHOWN_PERCENT = 2;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CpuClock processes;
    private final long wallStart = System.nanoTime();
    private final Map<Long, Long> startCpu = new HashMap<>();

    private BroadcastCpu(long storePid) {
        this.processes = CpuClock.start(storePid);
        for (long id : threads.getAllThreadIds()) {
            startCpu.put(id, threads.getThreadCpuTime(id));
        }
    }

    /** @param storePid the store's process (redis-server), or 0 when there is none or it is unknown */
    static BroadcastCpu start(long storePid) {
        return new BroadcastCpu(storePid);
    }

    /**
     * What was used since {@link #start}.
     *
     * @param jvm     this JVM, percent of one core
     * @param store   the store's process; NaN when unknown
     * @param threads the busiest thread groups, e.g. {@code pagi-loop-# 95 (3)}: name, percent, thread count
     */
    record Usage(double jvm, double store, String threads) {
    }

    /** @return the CPU used since {@link #start} */
    Usage stop() {
        double wall = System.nanoTime() - wallStart;
        double[] busy = processes.percentages();
        Map<String, double[]> groups = new TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            double[] g = groups.computeIfAbsent(info.getThreadName().replaceAll("\\d+", "#"), k -> new double[2]);
            g[0] += now - startCpu.getOrDefault(info.getThreadId(), 0L);
            g[1]++;
        }
        String top = groups.entrySet().stream()
                .filter(e -> 100 * e.getValue()[0] / wall >= SHOWN_PERCENT)
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .map(e -> String.format(Locale.ROOT, "%s %.0f (%d)", e.getKey(), 100 * e.getValue()[0] / wall,
                        (int) e.getValue()[1]))
                .collect(Collectors.joining(", "));
        return new Usage(busy[0], busy[1], top);
    }
}
