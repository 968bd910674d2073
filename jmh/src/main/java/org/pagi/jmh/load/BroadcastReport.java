package org.pagi.jmh.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** How {@link BroadcastLoad} prints what it measured: the machine, a block per phase, loud losses, RESULT lines. */
final class BroadcastReport {
    private BroadcastReport() {
    }

    /** Prints {@code r}; {@code loadBefore} is the load average when the run started. */
    static void print(BroadcastLoad.Result r, String loadBefore, PrintStream out) {
        BroadcastLoad.Settings s = r.settings();
        out.println("  machine: " + machine() + "; load average " + loadBefore + " at the start, " + loadAverage()
                + " at the end");
        out.printf(Locale.ROOT, "  %d of %d subscribers opened, spread over %d instance(s); %d client(s), %d client"
                + " thread(s)%n", r.opened(), s.subscribers(), s.instances(), s.clients(), s.threads());
        for (BroadcastLoad.Phase p : r.phases()) {
            if (p.messages() == 0) {
                continue;
            }
            String how = p.phase().equals("flat-out") ? "as fast as a window of " + s.window() + " allows"
                    : String.format(Locale.ROOT, "at %.1f/s", s.rate());
            out.printf(Locale.ROOT, "  %s: %d messages %s (published at %.1f/s): deliveries expected %d, received"
                    + " %d%n", p.phase(), p.messages(), how, p.publishRate(), p.expected(), p.received());
            out.printf(Locale.ROOT, "    latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %.0f deliveries/s"
                    + " over %.2f s%n", p.ms(0.50), p.ms(0.90), p.ms(0.99), p.ms(1.0), p.deliveriesPerSecond(),
                    p.seconds());
            out.printf(Locale.ROOT, "    CPU, %% of one core: this JVM %s, the store %s; threads: %s%n",
                    CpuClock.format(p.cpu().jvm()), CpuClock.format(p.cpu().store()), p.cpu().threads());
            if (p.lost() != 0) {
                String loud = String.format(Locale.ROOT, "  !!! LOST in %s: %d of %d deliveries never arrived !!!",
                        p.phase(), p.lost(), p.expected());
                out.println(loud);
                System.err.println("broadcast-load:" + loud);
            }
        }
        out.printf("  %d errors (first: %s)%n", r.errors(), r.firstError());
        if (r.errors() > 0) {
            System.err.println("broadcast-load: !!! " + r.errors() + " errors; the first: " + r.firstError());
        }
        for (BroadcastLoad.Phase p : r.phases()) {
            out.println(p.resultLine(s, r.errors()));
        }
        out.flush();
    }

    /** @return the processor, cores, memory, kernel and JDK of this machine */
    static String machine() {
        String cpu = lines("/proc/cpuinfo").filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown processor");
        Optional<String> memory = lines("/proc/meminfo").filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> String.format(Locale.ROOT, "%.0f GiB",
                        Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0));
        return String.format(Locale.ROOT, "%s, %d cores, %s, %s %s, JDK %s", cpu,
                Runtime.getRuntime().availableProcessors(), memory.orElse("memory unknown"),
                System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version());
    }

    /** @return the 1, 5 and 15 minute load averages, or "unknown" */
    static String loadAverage() {
        return lines("/proc/loadavg").findFirst().map(l -> l.replaceFirst("^(\\S+ \\S+ \\S+).*", "$1"))
                .orElse("unknown");
    }

    private static Stream<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
