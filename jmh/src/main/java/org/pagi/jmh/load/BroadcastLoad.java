package org.pagi.jmh.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.concurrent.locks.LockSupport;
import org.pagi.server.ExecutionMode;

/**
 * Fan-out of one publisher to many WebSocket subscribers through a channel, for {@code jmh/run-broadcast.sh}:
 * {@code BroadcastLoad --channel redis://127.0.0.1:P --instances 3 --subscribers 1000 --messages 1000 --rate 100}.
 *
 * <p>Starts {@code instances} servers running {@code WebSocketBroadcast} ({@link BroadcastInstances}), opens the
 * subscribers spread evenly over them and one publisher on the first, then runs three phases: a warm-up at the
 * fixed rate (reported, not the figure), {@code messages} at {@code rate} per second, then {@code flat-messages}
 * as fast as the publisher can while at most {@code window} messages are not yet delivered everywhere (so that no
 * subscriber's queue overflows). Servers, publisher and subscribers share this JVM and so one
 * {@link System#nanoTime()}: a latency is from the publisher's send to the arrival at a subscriber.
 *
 * <p>Prints per phase the deliveries expected (messages × subscribers) and received, which must be equal (a lost
 * message is printed loudly and fails the run), latency p50/p90/p99/max, deliveries per second and the errors;
 * and a {@code RESULT key=value ...} line for each. Exit status 0; 1 when a delivery was lost or anything failed;
 * 2 for a bad command line; {@value HardDeadline#STATUS} when the hard deadline ({@code --max-seconds}) stopped it.
 */
public final class BroadcastLoad {
    static final String USAGE = "usage: BroadcastLoad --channel memory:|redis://127.0.0.1:P [--instances 1]"
            + " [--subscribers 1000] [--warmup-messages 100] [--messages 1000] [--rate 100] [--flat-messages 2000]"
            + " [--window 32] [--size 64] [--clients 2] [--threads 2] [--mode event-loop|virtual-threads]"
            + " [--loops 1] [--stall 10] [--max-seconds 600] [--store-pid PID]";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    static final String[] PHASES = {"warm-up", "paced", "flat-out"};

    /**
     * What to run.
     *
     * @param channel        {@code memory:} or a store's URL
     * @param instances      how many servers
     * @param subscribers    how many subscribing WebSockets, spread evenly over the servers
     * @param warmupMessages messages of the warm-up phase, at {@code rate}
     * @param messages       messages of the paced phase
     * @param rate           messages per second in the warm-up and paced phases
     * @param flatMessages   messages of the flat-out phase (0: none)
     * @param window         messages not yet delivered everywhere that the flat-out publisher allows
     * @param size           message length in bytes
     * @param clients        JDK {@code HttpClient}s the subscribers are spread over (each has one selector thread)
     * @param threads        the executor threads the clients share
     * @param mode           the servers' execution mode
     * @param loops          selector loops per server
     * @param stallSeconds   how long deliveries may stop moving before a phase gives up
     * @param maxSeconds     the hard deadline of the whole program
     * @param storePid       the store's process (redis-server), to report its CPU use; 0 when unknown
     */
    record Settings(String channel, int instances, int subscribers, int warmupMessages, int messages, double rate,
            int flatMessages, int window, int size, int clients, int threads, ExecutionMode mode, int loops,
            double stallSeconds, double maxSeconds, long storePid) {
        static Settings parse(String... args) {
            Args a = Args.parse(USAGE, List.of("--channel", "--instances", "--subscribers", "--warmup-messages",
                    "--messages", "--rate", "--flat-messages", "--window", "--size", "--clients", "--threads",
                    "--mode", "--loops", "--stall", "--max-seconds", "--store-pid"), args);
            String channel = a.required("--channel");
            if (!channel.equals("memory:") && !channel.startsWith("redis://")) {
                throw new IllegalArgumentException("--channel is memory: or redis://host:port, got " + channel);
            }
            return new Settings(channel, a.number("--instances", 1, 1, 64),
                    a.number("--subscribers", 1000, 1, 100_000), a.number("--warmup-messages", 100, 0, 10_000_000),
                    a.number("--messages", 1000, 1, 10_000_000), a.seconds("--rate", 100, 0.1, 1_000_000),
                    a.number("--flat-messages", 2000, 0, 10_000_000), a.number("--window", 32, 1, 1_000_000),
                    a.number("--size", 64, BroadcastMessage.MAX_HEAD, 60 * 1024), a.number("--clients", 2, 1, 64),
                    a.number("--threads", 2, 1, 1024), BenchServer.mode(a.text("--mode", "event-loop")),
                    a.number("--loops", 1, 1, 64), a.seconds("--stall", 10, 0.1, 3600),
                    a.seconds("--max-seconds", 600, 1, 86_400), a.number("--store-pid", 0, 0, Integer.MAX_VALUE));
        }

        /** @return the first message of each phase */
        int[] phaseStarts() {
            return new int[] {0, warmupMessages, warmupMessages + messages};
        }

        int totalMessages() {
            return warmupMessages + messages + flatMessages;
        }
    }

    /**
     * What one phase measured.
     *
     * @param phase          its name
     * @param messages       messages published
     * @param publishSeconds from the first send to the end of the last
     * @param seconds        from the first send until every message reached every subscriber (or gave up)
     * @param expected       deliveries expected: messages × subscribers
     * @param received       deliveries received
     * @param latency        every delivery's latency
     * @param cpu            who was busy meanwhile
     */
    record Phase(String phase, int messages, double publishSeconds, double seconds, long expected, long received,
            LatencyHistogram latency, BroadcastCpu.Usage cpu) {
        long lost() {
            return expected - received;
        }

        double deliveriesPerSecond() {
            return seconds > 0 ? received / seconds : 0;
        }

        double publishRate() {
            return publishSeconds > 0 ? messages / publishSeconds : 0;
        }

        String resultLine(Settings s, long errors) {
            return String.format(Locale.ROOT, "RESULT program=broadcast channel=%s instances=%d subscribers=%d"
                    + " phase=%s messages=%d rate=%s publish_rate=%.1f expected=%d received=%d lost=%d p50_ms=%.3f"
                    + " p90_ms=%.3f p99_ms=%.3f max_ms=%.3f deliveries_per_s=%.0f seconds=%.3f jvm_cpu_pct=%s"
                    + " store_cpu_pct=%s errors=%d",
                    s.channel().replaceFirst(":.*", ""), s.instances(), s.subscribers(), phase, messages,
                    phase.equals("flat-out") ? "max" : String.format(Locale.ROOT, "%.1f", s.rate()), publishRate(),
                    expected, received, lost(), ms(0.50), ms(0.90), ms(0.99), ms(1.0), deliveriesPerSecond(),
                    seconds, CpuClock.format(cpu.jvm()), CpuClock.format(cpu.store()), errors);
        }

        double ms(double fraction) {
            return latency.percentile(fraction) / 1e6;
        }
    }

    /**
     * What the run measured.
     *
     * @param settings   what ran
     * @param opened     subscribers that opened
     * @param phases     the phases that ran
     * @param errors     failures: connections that did not open, closes, gaps, stalls
     * @param firstError the first failure, or "none"
     */
    record Result(Settings settings, int opened, List<Phase> phases, long errors, String firstError) {
        long lost() {
            return phases.stream().mapToLong(Phase::lost).sum();
        }

        boolean clean() {
            return opened == settings.subscribers() && errors == 0 && lost() == 0 && !phases.isEmpty();
        }
    }

    private BroadcastLoad() {
    }

    /** Runs once in this JVM: starts the instances, runs the phases, stops everything it started. */
    static Result run(Settings s) throws IOException, InterruptedException {
        Errors errors = new Errors();
        BroadcastDeliveries deliveries = new BroadcastDeliveries(s.subscribers(), s.totalMessages());
        ExecutorService executor = Executors.newFixedThreadPool(s.threads(),
                Thread.ofPlatform().daemon().name("broadcast-client-", 0).factory());
        List<HttpClient> clients = new ArrayList<>();
        List<BroadcastSubscriber> subscribers = new ArrayList<>();
        BroadcastPublisher publisher = new BroadcastPublisher(s.size(), errors);
        try (BroadcastInstances instances = BroadcastInstances.start(s.channel(), s.instances(), s.mode(),
                s.loops())) {
            for (int i = 0; i < s.clients(); i++) {
                clients.add(HttpClient.newBuilder().executor(executor).connectTimeout(CONNECT_TIMEOUT).build());
            }
            List<CompletableFuture<?>> opening = new ArrayList<>();
            opening.add(open(clients.get(0), instances.port(0), publisher, errors, "the publisher"));
            for (int i = 0; i < s.subscribers(); i++) {
                BroadcastSubscriber sub = new BroadcastSubscriber(i, s.phaseStarts(), deliveries, errors);
                subscribers.add(sub);
                opening.add(open(clients.get(i % clients.size()), instances.port(i % instances.count()), sub,
                        errors, "subscriber " + i));
            }
            int opened = countOpened(opening) - (opening.get(0).isCompletedExceptionally() ? 0 : 1);
            if (opened < s.subscribers() || opening.get(0).isCompletedExceptionally()
                    || !awaitClients(instances, s.subscribers() + 1)) {
                errors.add("only " + opened + " of " + s.subscribers() + " subscribers (and "
                        + (opening.get(0).isCompletedExceptionally() ? "not " : "") + "the publisher) opened, "
                        + instances.clients() + " subscribed");
                return new Result(s, opened, List.of(), errors.count(), errors.first());
            }
            long[] started = new long[PHASES.length];
            double[] publishing = new double[PHASES.length];
            long[] ended = new long[PHASES.length];
            BroadcastCpu.Usage[] cpu = new BroadcastCpu.Usage[PHASES.length];
            int[] starts = s.phaseStarts();
            int[] counts = {s.warmupMessages(), s.messages(), s.flatMessages()};
            long stall = (long) (s.stallSeconds() * 1e9);
            for (int p = 0; p < PHASES.length; p++) {
                started[p] = System.nanoTime();
                BroadcastCpu clock = BroadcastCpu.start(s.storePid());
                publishing[p] = p < 2 ? publisher.paced(starts[p], counts[p], s.rate())
                        : publisher.windowed(starts[p], counts[p], s.window(), deliveries, stall);
                if (!deliveries.awaitComplete(starts[p] + counts[p], stall)) {
                    errors.add(PHASES[p] + ": only the first " + deliveries.complete() + " messages reached every"
                            + " subscriber; nothing moved for " + s.stallSeconds() + " s");
                }
                ended[p] = System.nanoTime();
                cpu[p] = clock.stop();
            }
            List<Phase> phases = new ArrayList<>();
            for (int p = 0; p < PHASES.length; p++) {
                LatencyHistogram latency = new LatencyHistogram();
                long received = 0;
                for (BroadcastSubscriber sub : subscribers) {
                    received += sub.received(p);
                    sub.addLatencyTo(p, latency);
                }
                phases.add(new Phase(PHASES[p], counts[p], publishing[p], (ended[p] - started[p]) / 1e9,
                        (long) counts[p] * s.subscribers(), received, latency, cpu[p]));
            }
            return new Result(s, opened, phases, errors.count(), errors.first());
        } finally {
            publisher.abort();
            subscribers.forEach(BroadcastSubscriber::abort);
            clients.forEach(HttpClient::shutdownNow);
            executor.shutdownNow();
        }
    }

    private static CompletableFuture<?> open(HttpClient client, int port, java.net.http.WebSocket.Listener listener,
            Errors errors, String who) {
        return client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), listener)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        errors.add(who + " could not open its WebSocket", failure);
                    }
                });
    }

    /** Waits for every opening to end, at most the connect timeout and a little; @return how many opened */
    private static int countOpened(List<CompletableFuture<?>> opening) throws InterruptedException {
        try {
            CompletableFuture.allOf(opening.stream().map(f -> f.exceptionally(failure -> null))
                    .toArray(CompletableFuture[]::new)).get(CONNECT_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // those still opening count as not opened
        }
        return (int) opening.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }

    /**
     * Waits until the apps count {@code expected} clients: each subscribes before it accepts, so this holds
     * already once every handshake completed; the wait covers a server slower to count than the client to open.
     */
    private static boolean awaitClients(BroadcastInstances instances, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (instances.clients() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the apps offer no notification
        }
        return instances.clients() == expected;
    }

    /** Runs from the command line; see the class comment for the exit status. */
    public static void main(String[] args) throws IOException, InterruptedException {
        java.util.Optional<Settings> parsed = Args.parseOrExit("broadcast-load", USAGE, args, Settings::parse);
        if (parsed.isEmpty()) {
            return;
        }
        Settings s = parsed.get();
        HardDeadline.arm("broadcast-load", s.maxSeconds());
        String loadBefore = BroadcastReport.loadAverage();
        System.out.printf(Locale.ROOT, "broadcast-load: %s, %d instance(s) (%s, %d loop(s) each), %d subscribers,"
                + " %d-byte text messages; servers and clients in this JVM (one System.nanoTime)%n", s.channel(),
                s.instances(), s.mode() == ExecutionMode.EVENT_LOOP ? "event-loop" : "virtual-threads", s.loops(),
                s.subscribers(), s.size());
        Result r = run(s);
        BroadcastReport.print(r, loadBefore, System.out);
        System.exit(r.clean() ? 0 : 1);
    }
}
