package org.pagi.jmh.load;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How busy the load program and, when its PID is known, the server were during the counted part of a run: CPU
 * time used divided by wall time, in percent of one core (the script pins each to one core, so 100 means that
 * core was saturated). Read from {@link ProcessHandle.Info#totalCpuDuration()}, which on Linux comes from
 * {@code /proc/PID/stat} in clock ticks (10 ms), so short runs are coarse.
 *
 * <p>Immutable.
 */
final class CpuClock {
    private final long wallStart;
    private final OptionalLong clientStart;
    private final long serverPid;
    private final OptionalLong serverStart;

    private CpuClock(long serverPid) {
        this.serverPid = serverPid;
        this.wallStart = System.nanoTime();
        this.clientStart = cpuNanos(ProcessHandle.current().pid());
        this.serverStart = serverPid > 0 ? cpuNanos(serverPid) : OptionalLong.empty();
    }

    /** @param serverPid the server's PID, or 0 when unknown */
    static CpuClock start(long serverPid) {
        return new CpuClock(serverPid);
    }

    /** @return the percentages since {@link #start}: {@code [client, server]}, NaN where unknown */
    double[] percentages() {
        long wall = System.nanoTime() - wallStart;
        double client = percent(clientStart, cpuNanos(ProcessHandle.current().pid()), wall);
        double server = serverPid > 0 ? percent(serverStart, cpuNanos(serverPid), wall) : Double.NaN;
        return new double[] {client, server};
    }

    /** @return {@code value} with no decimals, or "-" for NaN */
    static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static double percent(OptionalLong before, OptionalLong after, long wallNanos) {
        if (before.isEmpty() || after.isEmpty() || wallNanos <= 0) {
            return Double.NaN;
        }
        return 100.0 * (after.getAsLong() - before.getAsLong()) / wallNanos;
    }

    private static OptionalLong cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
