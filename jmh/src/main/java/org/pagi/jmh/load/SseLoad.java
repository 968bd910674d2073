package org.pagi.jmh.load;

import java.io.EOFException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * SSE load on the JDK's client ({@code java.net.http.HttpClient}, HTTP/1.1):
 * {@code SseLoad --url http://127.0.0.1:P/stream --streams 1000 --events 1000 --size 100 --seconds 10}.
 *
 * <p>Keeps {@code streams} SSE responses open at once, each a {@code GET url?n=EVENTS&size=SIZE} with
 * {@code Accept: text/event-stream} read through the server's {@code SseDecoder} ({@link SseStream}); when a
 * stream ends (after its {@code events} events) the same slot asks for another, so the number of open streams
 * stays at {@code streams}. After {@code warmup} seconds it counts events for {@code seconds} seconds, then
 * cancels every stream (the client closes the connections) and prints the events per second of all streams
 * together, how long it took until every stream had its response head, and the errors; the last line is
 * {@code RESULT key=value ...} for {@code jmh/run-ws-sse.sh}. Exit status 0, or 1 when no event arrived, 2 for a
 * bad command line, {@value HardDeadline#STATUS} when the hard deadline (warm-up + run +
 * {@value #DEADLINE_MARGIN_SECONDS} s) stopped it.
 *
 * <p>An error is a stream that could not open, a status other than 200, an event whose data is not
 * {@code size} bytes, or a stream that ended before its {@code events} events; a slot whose stream failed or
 * was refused waits {@value #RETRY_MILLIS} ms before trying again. Not an error, but counted as {@code stale}:
 * a request that the client sent on a pooled connection the server had already closed (the server closes after
 * every stream, see {@code jmh/README.md}), which fails with an {@code EOFException} before any response head
 * and is sent again at once. Measures, never judges: no figure fails the run.
 */
public final class SseLoad {
    static final String USAGE = "usage: SseLoad --url http://127.0.0.1:P/stream [--streams 1000] [--events 1000]"
            + " [--size 100] [--seconds 10] [--warmup 3] [--threads 2] [--server-pid PID]";
    static final int DEADLINE_MARGIN_SECONDS = 30;
    static final int RETRY_MILLIS = 100;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stream may take to get its response head. */
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What to run.
     *
     * @param url     the SSE endpoint, without the query
     * @param streams how many streams to keep open
     * @param events  how many events each stream asks for
     * @param size    the data bytes of each event
     * @param seconds how long to count
     * @param warmup  how long to run before counting
     * @param threads the client's executor threads
     * @param serverPid the server's PID, to report its CPU use; 0 when unknown
     */
    record Settings(URI url, int streams, int events, int size, double seconds, double warmup, int threads,
            long serverPid) {
        static Settings parse(String... args) {
            Args a = Args.parse(USAGE, List.of("--url", "--streams", "--events", "--size", "--seconds", "--warmup",
                    "--threads", "--server-pid"), args);
            URI url = URI.create(a.required("--url"));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url must be an http:// or https:// URL, got " + url);
            }
            if (url.getRawQuery() != null) {
                throw new IllegalArgumentException("--url takes no query; --events and --size make it, got " + url);
            }
            return new Settings(url, a.number("--streams", 1000, 1, 100_000),
                    a.number("--events", 1000, 1, BenchApp.MAX_EVENTS), a.number("--size", 100, 0, BenchApp.MAX_SIZE),
                    a.seconds("--seconds", 10, 0.1, 86_400), a.seconds("--warmup", 3, 0, 86_400),
                    a.number("--threads", 2, 1, 1024), a.number("--server-pid", 0, 0, Integer.MAX_VALUE));
        }

        URI streamUri() {
            return URI.create(url + "?n=" + events + "&size=" + size);
        }
    }

    /**
     * What was measured.
     *
     * @param settings   what ran
     * @param opened     how many slots got a response head at least once
     * @param openNanos  from the start until every slot had its first response head; -1 if some never did
     * @param events     events counted while measuring
     * @param seconds    how long the count lasted, measured
     * @param completed  streams that ended normally while the run lasted (warm-up included)
     * @param stale      requests sent on a pooled connection the server had already closed (then sent again)
     * @param clientCpu  this program's CPU use while counting, percent of one core; NaN if unknown
     * @param serverCpu  the server's, when its PID was given; NaN otherwise
     * @param errors     failures
     * @param firstError the first failure, or "none"
     */
    record Result(Settings settings, int opened, long openNanos, long events, double seconds, long completed,
            long stale, double clientCpu, double serverCpu, long errors, String firstError) {
        double perSecond() {
            return events / seconds;
        }

        String resultLine() {
            return String.format(Locale.ROOT, "RESULT program=sse streams=%d opened=%d events_per_stream=%d size=%d"
                    + " seconds=%.3f events=%d events_per_s=%.1f open_ms=%s streams_completed=%d stale=%d"
                    + " client_cpu_pct=%s server_cpu_pct=%s errors=%d",
                    settings.streams(), opened, settings.events(), settings.size(), seconds, events, perSecond(),
                    openNanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", openNanos / 1e6), completed, stale,
                    CpuClock.format(clientCpu), CpuClock.format(serverCpu), errors);
        }
    }

    /** The state of one run, shared by every slot. */
    private static final class Run {
        final Settings settings;
        final HttpClient client;
        final HttpRequest request;
        final Errors errors = new Errors();
        final LongAdder events = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder stale = new LongAdder();
        final boolean[] everOpened;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicLong allOpenAt = new AtomicLong(-1);
        final ConcurrentHashMap<Integer, SseStream> active = new ConcurrentHashMap<>();
        final long start = System.nanoTime();
        volatile boolean stopping;

        Run(Settings settings, HttpClient client) {
            this.settings = settings;
            this.client = client;
            this.request = HttpRequest.newBuilder(settings.streamUri()).header("Accept", "text/event-stream")
                    .timeout(HEAD_TIMEOUT).GET().build();
            this.everOpened = new boolean[settings.streams()];
        }

        void open(int slot) {
            if (stopping) {
                return;
            }
            AtomicBoolean headed = new AtomicBoolean();
            client.sendAsync(request, info -> {
                headed.set(true);
                return head(slot, info);
            }).whenComplete((response, failure) -> {
                active.remove(slot);
                ended(slot, headed.get(), response, failure);
            });
        }

        private HttpResponse.BodySubscriber<Long> head(int slot, HttpResponse.ResponseInfo info) {
            markOpened(slot);
            if (info.statusCode() != 200) {
                errors.add("status " + info.statusCode());
                return HttpResponse.BodySubscribers.replacing(-1L);
            }
            SseStream stream = new SseStream(settings.size(), events, errors);
            active.put(slot, stream);
            if (stopping) {
                stream.cancel();
            }
            return stream;
        }

        private void markOpened(int slot) {
            synchronized (everOpened) {
                if (everOpened[slot]) {
                    return;
                }
                everOpened[slot] = true;
            }
            if (opened.incrementAndGet() == settings.streams()) {
                allOpenAt.set(System.nanoTime() - start);
            }
        }

        private void ended(int slot, boolean headed, HttpResponse<Long> response, Throwable failure) {
            if (stopping) {
                return;
            }
            if (failure != null && !headed && rootCause(failure) instanceof EOFException) {
                // The server closes the connection after every stream without saying so in the head, so the
                // client may pool it and send the next request on a socket that is already closed: not the
                // server failing to serve, but counted apart so that it shows. Try again at once.
                stale.increment();
                open(slot);
                return;
            }
            if (failure != null) {
                errors.add("a stream failed", failure);
                retryLater(slot);
                return;
            }
            long got = response.body();
            if (got < 0) {
                retryLater(slot); // a status other than 200, counted in head()
                return;
            }
            if (got != settings.events()) {
                errors.add("a stream ended after " + got + " of " + settings.events() + " events");
            } else {
                completed.increment();
            }
            open(slot);
        }

        private void retryLater(int slot) {
            CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS).execute(() -> open(slot));
        }

        private static Throwable rootCause(Throwable t) {
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t;
        }

        void stop() {
            stopping = true;
            active.values().forEach(SseStream::cancel);
        }
    }

    private SseLoad() {
    }

    /** Runs the load once, in this JVM, and returns what it measured; bounded by the settings' durations. */
    static Result run(Settings s) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(s.threads(),
                Thread.ofPlatform().daemon().name("sse-load-", 0).factory());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(CONNECT_TIMEOUT).build();
        Run run = new Run(s, client);
        try {
            for (int slot = 0; slot < s.streams(); slot++) {
                run.open(slot);
            }
            WsEchoLoad.sleep(s.warmup());
            long first = run.events.sum();
            long start = System.nanoTime();
            CpuClock cpu = CpuClock.start(s.serverPid());
            WsEchoLoad.sleep(s.seconds());
            long last = run.events.sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] busy = cpu.percentages();
            run.stop();
            return new Result(s, run.opened.get(), run.allOpenAt.get(), last - first, seconds, run.completed.sum(),
                    run.stale.sum(), busy[0], busy[1], run.errors.count(), run.errors.first());
        } finally {
            run.stop();
            client.shutdownNow();
            client.awaitTermination(Duration.ofSeconds(3));
            executor.shutdownNow();
        }
    }

    /** Runs from the command line; see the class comment for the exit status. */
    public static void main(String[] args) throws InterruptedException {
        java.util.Optional<Settings> parsed = Args.parseOrExit("sse-load", USAGE, args, Settings::parse);
        if (parsed.isEmpty()) {
            return;
        }
        Settings s = parsed.get();
        HardDeadline.arm("sse-load", s.warmup() + s.seconds() + DEADLINE_MARGIN_SECONDS);
        System.out.printf(Locale.ROOT, "sse-load: %s, %d streams of %d events of %d bytes, %.1f s (after %.1f s"
                + " warm-up)%n", s.streamUri(), s.streams(), s.events(), s.size(), s.seconds(), s.warmup());
        Result r = run(s);
        System.out.printf(Locale.ROOT, "  %d of %d streams opened (all open after %s); %d events in %.2f s:"
                + " %.0f events/s; %d streams completed%n", r.opened(), s.streams(),
                r.openNanos() < 0 ? "never" : String.format(Locale.ROOT, "%.1f ms", r.openNanos() / 1e6), r.events(),
                r.seconds(), r.perSecond(), r.completed());
        System.out.printf(Locale.ROOT, "  CPU %s%% client, %s%% server; %d requests sent again after landing on a"
                + " connection the server had closed; %d errors (first: %s)%n", CpuClock.format(r.clientCpu()),
                CpuClock.format(r.serverCpu()), r.stale(), r.errors(), r.firstError());
        System.out.println(r.resultLine());
        System.out.flush();
        System.exit(r.events() == 0 ? 1 : 0);
    }
}
