package org.pagi.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the test JVM holds right now, for tests that prove a server gives back what it took: open file descriptors,
 * heap in use after a full collection, platform threads by name and live virtual threads.
 */
final class ProcessResources {
    private static final Pattern VIRTUAL = Pattern.compile("\"virtual\"\\s*:\\s*true");

    private ProcessResources() {
    }

    /** A snapshot of the JVM's resources. */
    record Snapshot(long fds, long heapBytes, Map<String, Integer> platformThreads, int virtualThreads) {
        static Snapshot take() throws IOException {
            return new Snapshot(openFds(), heapUsedAfterGc(), ProcessResources.platformThreads(),
                    ProcessResources.virtualThreads());
        }

        @Override
        public String toString() {
            return fds + " fds, " + heapBytes / 1024 + " KiB heap, " + virtualThreads + " virtual threads, platform "
                    + platformThreads;
        }
    }

    /** @return how many file descriptors the process has open (Linux {@code /proc/self/fd}) */
    static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /**
     * @return the heap in use after a full collection, the least of several tries: a collection may leave garbage
     *         that a finalizer or reference queue frees only on the next one
     */
    static long heapUsedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** @return live platform threads, counted by name with digits folded to {@code #} (pool member numbers vary) */
    static Map<String, Integer> platformThreads() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isVirtual()) {
                names.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return names;
    }

    /**
     * @return how many virtual threads are alive, from the JVM's JSON thread dump (the only view that lists them);
     *         a JDK whose dump does not mark virtual threads reports 0
     */
    static int virtualThreads() throws IOException {
        Path dir = Files.createTempDirectory("pagi-threads");
        Path dump = dir.resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(dump.toString(),
                    HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            Matcher m = VIRTUAL.matcher(Files.readString(dump));
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        } finally {
            Files.deleteIfExists(dump);
            Files.delete(dir);
        }
    }

    /** A count to wait on. */
    @FunctionalInterface
    interface Probe {
        long read() throws IOException;
    }

    /**
     * Waits until {@code value} is at most {@code limit} or {@code seconds} pass.
     *
     * @return the last value read
     */
    static long awaitAtMost(Probe value, long limit, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long v = value.read();
        while (v > limit && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = value.read();
        }
        return v;
    }

    /** @return the names (digits folded) of which {@code after} has more threads than {@code before} */
    static List<String> grown(Map<String, Integer> before, Map<String, Integer> after) {
        return after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0))
                .map(e -> e.getKey() + " " + before.getOrDefault(e.getKey(), 0) + "->" + e.getValue()).toList();
    }
}
