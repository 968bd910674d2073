package org.pagi.jmh.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocket echo load on the JDK's client ({@code java.net.http.WebSocket}):
 * {@code WsEchoLoad --url ws://127.0.0.1:P/ --connections 64 --size 64 --window 16 --seconds 10 --warmup 3}.
 *
 * <p>Opens {@code connections} WebSockets at once, and on each keeps {@code window} binary messages of
 * {@code size} bytes in flight ({@link WsEchoConnection}), checking that every echo is whole and of that size.
 * After {@code warmup} seconds it counts for {@code seconds} seconds, then closes every connection and prints
 * echoes per second, payload MiB per second (one direction), the median and 99th percentile round trip, and the
 * errors; the last line is {@code RESULT key=value ...} for {@code jmh/run-ws-sse.sh}. Exit status 0, or 1 when
 * no connection opened or nothing was echoed, 2 for a bad command line, {@value HardDeadline#STATUS} when the
 * hard deadline (warm-up + run + {@value #DEADLINE_MARGIN_SECONDS} s) stopped it.
 *
 * <p>Measures, never judges: no figure fails the run.
 */
public final class WsEchoLoad {
    static final String USAGE = "usage: WsEchoLoad --url ws://127.0.0.1:P/ [--connections 64] [--size 64]"
            + " [--window 16 (1 for 64 KiB and more)] [--seconds 10] [--warmup 3] [--threads 2]"
            + " [--server-pid PID]";
    static final int DEADLINE_MARGIN_SECONDS = 30;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * What to run.
     *
     * @param url         the WebSocket URL
     * @param connections how many WebSockets
     * @param size        the message size in bytes
     * @param window      messages in flight per WebSocket
     * @param seconds     how long to count
     * @param warmup      how long to run before counting
     * @param threads     the client's executor threads
     * @param serverPid   the server's PID, to report its CPU use; 0 when unknown
     */
    record Settings(URI url, int connections, int size, int window, double seconds, double warmup, int threads,
            long serverPid) {
        static Settings parse(String... args) {
            Args a = Args.parse(USAGE, List.of("--url", "--connections", "--size", "--window", "--seconds",
                    "--warmup", "--threads", "--server-pid"), args);
            URI url = URI.create(a.required("--url"));
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url must be a ws:// or wss:// URL, got " + url);
            }
            int size = a.number("--size", 64, 1, 16 * 1024 * 1024);
            return new Settings(url, a.number("--connections", 64, 1, 100_000), size,
                    a.number("--window", size >= 64 * 1024 ? 1 : 16, 1, 10_000),
                    a.seconds("--seconds", 10, 0.1, 86_400), a.seconds("--warmup", 3, 0, 86_400),
                    a.number("--threads", 2, 1, 1024), a.number("--server-pid", 0, 0, Integer.MAX_VALUE));
        }
    }

    /**
     * What was measured.
     *
     * @param settings   what ran
     * @param opened     how many WebSockets opened
     * @param echoes     echoes counted while measuring
     * @param seconds    how long the count lasted, measured
     * @param p50Nanos   median round trip
     * @param p99Nanos   99th percentile round trip
     * @param clientCpu  this program's CPU use while counting, percent of one core; NaN if unknown
     * @param serverCpu  the server's, when its PID was given; NaN otherwise
     * @param errors     failures: connections that did not open, wrong echoes, closes and errors mid-run
     * @param firstError the first failure, or "none"
     */
    record Result(Settings settings, int opened, long echoes, double seconds, long p50Nanos, long p99Nanos,
            double clientCpu, double serverCpu, long errors, String firstError) {
        double perSecond() {
            return seconds > 0 ? echoes / seconds : 0;
        }

        double mibPerSecond() {
            return perSecond() * settings.size() / (1024.0 * 1024.0);
        }

        String resultLine() {
            return String.format(Locale.ROOT, "RESULT program=ws-echo connections=%d opened=%d size=%d window=%d"
                    + " seconds=%.3f messages=%d msgs_per_s=%.1f mib_per_s=%.2f p50_ms=%.3f p99_ms=%.3f"
                    + " client_cpu_pct=%s server_cpu_pct=%s errors=%d",
                    settings.connections(), opened, settings.size(), settings.window(), seconds, echoes, perSecond(),
                    mibPerSecond(), p50Nanos / 1e6, p99Nanos / 1e6, CpuClock.format(clientCpu),
                    CpuClock.format(serverCpu), errors);
        }
    }

    private WsEchoLoad() {
    }

    /** Runs the load once, in this JVM, and returns what it measured; bounded by the settings' durations. */
    static Result run(Settings s) throws InterruptedException {
        byte[] bytes = new byte[s.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        Errors errors = new Errors();
        ExecutorService executor = Executors.newFixedThreadPool(s.threads(),
                Thread.ofPlatform().daemon().name("ws-load-", 0).factory());
        HttpClient client = HttpClient.newBuilder().executor(executor).connectTimeout(CONNECT_TIMEOUT).build();
        List<WsEchoConnection> connections = new ArrayList<>();
        try {
            List<CompletableFuture<?>> opening = new ArrayList<>();
            for (int i = 0; i < s.connections(); i++) {
                WsEchoConnection c = new WsEchoConnection(payload, s.window(), errors);
                connections.add(c);
                opening.add(client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(s.url(), c)
                        .whenComplete((ws, failure) -> {
                            if (failure != null) {
                                errors.add("could not open a WebSocket", failure);
                            }
                        }));
            }
            int opened = awaitOpened(opening);
            if (opened == 0) {
                return new Result(s, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, errors.count(), errors.first());
            }
            sleep(s.warmup());
            long start = System.nanoTime();
            CpuClock cpu = CpuClock.start(s.serverPid());
            connections.forEach(WsEchoConnection::startMeasuring);
            sleep(s.seconds());
            connections.forEach(WsEchoConnection::stopMeasuring);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] busy = cpu.percentages();
            LatencyHistogram latency = new LatencyHistogram();
            long echoes = 0;
            for (WsEchoConnection c : connections) {
                echoes += c.echoes();
                c.addLatencyTo(latency);
            }
            closeAll(connections);
            return new Result(s, opened, echoes, seconds, latency.percentile(0.50), latency.percentile(0.99),
                    busy[0], busy[1], errors.count(), errors.first());
        } finally {
            connections.forEach(WsEchoConnection::abort);
            client.shutdownNow();
            executor.shutdownNow();
        }
    }

    private static int awaitOpened(List<CompletableFuture<?>> opening) throws InterruptedException {
        try {
            CompletableFuture.allOf(opening.stream().map(f -> f.exceptionally(failure -> null))
                    .toArray(CompletableFuture[]::new)).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // counted below: those still opening did not open in time
        }
        return (int) opening.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }

    /** Starts every close handshake, waits for them a little, then drops what is left. */
    private static void closeAll(List<WsEchoConnection> connections) throws InterruptedException {
        CompletableFuture<?>[] closing = connections.stream().map(WsEchoConnection::close)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // abort() in run's finally closes the rest
        }
    }

    static void sleep(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
    }

    /** Runs from the command line; see the class comment for the exit status. */
    public static void main(String[] args) throws InterruptedException {
        java.util.Optional<Settings> parsed = Args.parseOrExit("ws-echo-load", USAGE, args, Settings::parse);
        if (parsed.isEmpty()) {
            return;
        }
        Settings s = parsed.get();
        HardDeadline.arm("ws-echo-load", s.warmup() + s.seconds() + DEADLINE_MARGIN_SECONDS);
        System.out.printf(Locale.ROOT, "ws-echo-load: %s, %d connections, %d-byte messages, window %d, %.1f s"
                + " (after %.1f s warm-up)%n", s.url(), s.connections(), s.size(), s.window(), s.seconds(), s.warmup());
        Result r = run(s);
        System.out.printf(Locale.ROOT, "  %d of %d WebSockets opened; %d echoes in %.2f s: %.0f messages/s,"
                + " %.2f MiB/s each way%n", r.opened(), s.connections(), r.echoes(), r.seconds(), r.perSecond(),
                r.mibPerSecond());
        System.out.printf(Locale.ROOT, "  round trip p50 %.3f ms, p99 %.3f ms; CPU %s%% client, %s%% server;"
                + " %d errors (first: %s)%n", r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, CpuClock.format(r.clientCpu()),
                CpuClock.format(r.serverCpu()), r.errors(), r.firstError());
        System.out.println(r.resultLine());
        System.out.flush();
        System.exit(r.opened() == 0 || r.echoes() == 0 ? 1 : 0);
    }
}
