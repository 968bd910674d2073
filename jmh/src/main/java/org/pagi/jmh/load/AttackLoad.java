package org.pagi.jmh.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hostile clients for {@code jmh/run-attack.sh}, against 127.0.0.1 only:
 * {@code AttackLoad --port P --attack slowloris --connections 200 --seconds 20}.
 *
 * <p>Keeps {@code connections} attack connections open for {@code seconds} seconds on one thread (a selector),
 * opening them all at once at the start and opening a new one whenever the server ends one, at most
 * {@code max-opens} in all. Every {@code interval} seconds the trickling attacks send a little more. Then it
 * closes them all and prints what it saw; the last line is {@code RESULT key=value ...}.
 *
 * <ul>
 *   <li>{@code slowloris}: a request head that never ends, one more header line each interval;</li>
 *   <li>{@code slow-body}: {@code POST /echo} announcing 1 MiB, then one body byte each interval;</li>
 *   <li>{@code no-read}: {@code POST /echo} with an endless chunked body sent as fast as the server takes it,
 *       asking for an endless response that is never read. Its socket buffers are small, but on loopback the
 *       kernel still takes a few MiB each way per connection before the server's writes back up;</li>
 *   <li>{@code flood}: connections opened as fast as possible and held, sending nothing.</li>
 * </ul>
 *
 * <p>A connection the server ends (EOF or reset) within {@value #REFUSED_WITHIN_MILLIS} ms of being established
 * counts as refused, as does a connect that fails; one it ends later counts as cut. The status line of the first
 * answer, if any, is counted ({@code 408} for a head past its deadline, {@code 503} for a full server, ...).
 * Anything else that fails is an error. Exit status 0, 2 for a bad command line, {@value HardDeadline#STATUS}
 * when the hard deadline ({@code seconds} + {@value #DEADLINE_MARGIN_SECONDS} s) stopped it. Measures, never
 * judges.
 */
public final class AttackLoad {
    static final String USAGE = "usage: AttackLoad --port P --attack slowloris|slow-body|no-read|flood"
            + " [--connections 200] [--seconds 20] [--interval 1] [--settle 2] [--max-opens 20*connections]";
    static final int DEADLINE_MARGIN_SECONDS = 15;
    static final long REFUSED_WITHIN_MILLIS = 200;
    private static final int NO_READ_CHUNK = 64 * 1024;
    private static final int SMALL_BUFFER = 4096;
    private static final long SAMPLE_NANOS = 100_000_000L;

    /**
     * What to run.
     *
     * @param port        the server's port on 127.0.0.1
     * @param attack      what the connections do
     * @param connections how many to keep open
     * @param seconds     how long the attack lasts
     * @param interval    seconds between two trickles
     * @param settle      seconds after the start from which the held connections are averaged
     * @param maxOpens    how many connections it may open in all, replacements included
     */
    record Settings(int port, Attack attack, int connections, double seconds, double interval, double settle,
            int maxOpens) {
        static Settings parse(String... args) {
            Args a = Args.parse(USAGE, List.of("--port", "--attack", "--connections", "--seconds", "--interval",
                    "--settle", "--max-opens"), args);
            int connections = a.number("--connections", 200, 1, 60_000);
            return new Settings(a.number("--port", 0, 1, 65_535), Attack.named(a.required("--attack")), connections,
                    a.seconds("--seconds", 20, 0.1, 3_600), a.seconds("--interval", 1, 0.01, 3_600),
                    a.seconds("--settle", 2, 0, 3_600),
                    a.number("--max-opens", Math.min(20 * connections, 1_000_000), connections, 10_000_000));
        }
    }

    /**
     * What happened.
     *
     * @param settings  what ran
     * @param opened    connections established
     * @param refused   connects that failed, and connections the server ended at once
     * @param cut       connections the server ended later
     * @param heldMax   the most attack connections open at once
     * @param heldAvg   the average open after {@code settle}; NaN if the attack ended before
     * @param heldEnd   open when the attack ended
     * @param sentBytes bytes the attack wrote
     * @param statuses  the status of each first answer, counted
     * @param errors    anything else that failed
     */
    record Result(Settings settings, long opened, long refused, long cut, int heldMax, double heldAvg, int heldEnd,
            long sentBytes, Map<Integer, Integer> statuses, Errors errors) {
        String resultLine() {
            StringBuilder s = new StringBuilder();
            statuses.forEach((status, n) -> s.append(s.isEmpty() ? "" : ",").append(status).append(':').append(n));
            return String.format(Locale.ROOT, "RESULT program=attack attack=%s connections=%d opened=%d refused=%d"
                    + " cut=%d held_max=%d held_avg=%s held_end=%d sent_bytes=%d statuses=%s errors=%d",
                    settings.attack().label(), settings.connections(), opened, refused, cut, heldMax,
                    Double.isNaN(heldAvg) ? "-" : String.format(Locale.ROOT, "%.0f", heldAvg), heldEnd, sentBytes,
                    s.isEmpty() ? "-" : s, errors.count());
        }
    }

    /** One attack connection. */
    private static final class Conn {
        final SocketChannel channel;
        long establishedAt = -1;
        ByteBuffer pending = ByteBuffer.allocate(0);
        boolean answered;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Settings settings;
    private final Selector selector;
    private final InetSocketAddress target;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
    private final ByteBuffer noReadChunk;
    private final List<Conn> established = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Errors errors = new Errors();
    private int attempts;
    private int connecting;
    private long opened;
    private long refused;
    private long cut;
    private int heldMax;
    private long sentBytes;

    private AttackLoad(Settings settings) throws IOException {
        this.settings = settings;
        this.selector = Selector.open();
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
        byte[] chunk = new byte[NO_READ_CHUNK];
        java.util.Arrays.fill(chunk, (byte) 'x');
        byte[] head = (Integer.toHexString(NO_READ_CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        noReadChunk = ByteBuffer.allocate(head.length + chunk.length + 2).put(head).put(chunk)
                .put("\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
    }

    /** Runs the attack for its seconds and returns what it saw. */
    static Result run(Settings settings) throws IOException {
        AttackLoad load = new AttackLoad(settings);
        try {
            return load.attack();
        } finally {
            load.closeAll();
        }
    }

    private Result attack() throws IOException {
        long start = System.nanoTime();
        long end = start + (long) (settings.seconds() * 1e9);
        long settleAt = start + (long) (settings.settle() * 1e9);
        long intervalNanos = (long) (settings.interval() * 1e9);
        long nextTrickle = start + intervalNanos;
        long nextSample = settleAt;
        long heldSum = 0;
        long samples = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            topUp();
            selector.select(Math.max(1, Math.min(SAMPLE_NANOS, Math.min(nextTrickle, end) - now) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
            now = System.nanoTime();
            if (now >= nextTrickle) {
                nextTrickle = now + intervalNanos;
                trickle();
            }
            if (now >= nextSample) {
                nextSample = now + SAMPLE_NANOS;
                heldSum += established.size();
                samples++;
            }
        }
        return new Result(settings, opened, refused, cut, heldMax, samples == 0 ? Double.NaN
                : (double) heldSum / samples, established.size(), sentBytes, statuses, errors);
    }

    /** Opens connections until {@code connections} are open or opening, within {@code maxOpens}. */
    private void topUp() {
        while (established.size() + connecting < settings.connections() && attempts < settings.maxOpens()) {
            attempts++;
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (!settings.attack().reads) {
                    // Small buffers both ways: the response backs up into the server at once rather than into
                    // megabytes of kernel buffers (which on loopback take the echo's whole cost up front).
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_BUFFER);
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_BUFFER);
                }
                Conn c = new Conn(channel);
                boolean now = channel.connect(target);
                channel.register(selector, now ? 0 : SelectionKey.OP_CONNECT, c);
                connecting++;
                if (now) {
                    connected(c);
                }
            } catch (ConnectException refusedAtOnce) {
                refused++;
                close(channel);
            } catch (IOException e) {
                if (channel != null) {
                    close(channel);
                }
                errors.add("open", e);
                return; // out of descriptors or ports: try again on the next turn
            }
        }
    }

    private void handle(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            try {
                if (c.channel.finishConnect()) {
                    connected(c);
                }
            } catch (ConnectException refusedNow) {
                connecting--;
                refused++;
                close(c.channel);
            } catch (IOException e) {
                connecting--;
                errors.add("connect", e);
                close(c.channel);
            }
            return;
        }
        if (key.isReadable()) {
            read(c);
        }
        if (key.isValid() && key.isWritable()) {
            flush(c);
        }
    }

    private void connected(Conn c) {
        connecting--;
        opened++;
        c.establishedAt = System.nanoTime();
        established.add(c);
        heldMax = Math.max(heldMax, established.size());
        send(c, settings.attack().opening);
    }

    private void trickle() {
        if (settings.attack().trickle.length == 0) {
            return;
        }
        for (Conn c : List.copyOf(established)) {
            send(c, settings.attack().trickle);
        }
    }

    /** Queues {@code bytes} after what is pending and writes what the socket takes. */
    private void send(Conn c, byte[] bytes) {
        if (bytes.length > 0) {
            c.pending = ByteBuffer.allocate(c.pending.remaining() + bytes.length).put(c.pending).put(bytes).flip();
        }
        flush(c);
    }

    private void flush(Conn c) {
        try {
            while (true) {
                if (!c.pending.hasRemaining() && settings.attack() == Attack.NO_READ) {
                    c.pending = noReadChunk.duplicate();
                }
                if (!c.pending.hasRemaining()) {
                    break;
                }
                int n = c.channel.write(c.pending);
                sentBytes += n;
                if (n == 0) {
                    break;
                }
            }
            int ops = (settings.attack().reads ? SelectionKey.OP_READ : 0)
                    | (c.pending.hasRemaining() ? SelectionKey.OP_WRITE : 0);
            c.channel.keyFor(selector).interestOps(ops);
        } catch (IOException e) {
            ended(c); // the server closed or reset it
        }
    }

    private void read(Conn c) {
        readBuffer.clear();
        int n;
        try {
            n = c.channel.read(readBuffer);
        } catch (IOException reset) {
            n = -1;
        }
        if (n < 0) {
            ended(c);
            return;
        }
        if (!c.answered && n >= 12) {
            c.answered = true;
            String line = new String(readBuffer.array(), 0, 12, StandardCharsets.US_ASCII);
            if (line.startsWith("HTTP/1.") && line.charAt(8) == ' ') {
                try {
                    statuses.merge(Integer.parseInt(line.substring(9, 12)), 1, Integer::sum);
                } catch (NumberFormatException e) {
                    errors.add("a status line that is not one: " + line);
                }
            }
        }
    }

    /** The server ended {@code c}: refused if that came at once, cut otherwise. */
    private void ended(Conn c) {
        if (!established.remove(c)) {
            return;
        }
        if (System.nanoTime() - c.establishedAt < REFUSED_WITHIN_MILLIS * 1_000_000) {
            refused++;
        } else {
            cut++;
        }
        close(c.channel);
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            close(key.channel());
        }
        close(selector);
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public static void main(String[] args) {
        java.util.Optional<Settings> parsed = Args.parseOrExit("attack", USAGE, args, Settings::parse);
        if (parsed.isEmpty()) {
            return;
        }
        Settings settings = parsed.get();
        HardDeadline.arm("attack", settings.seconds() + DEADLINE_MARGIN_SECONDS);
        try {
            Result r = run(settings);
            System.out.printf(Locale.ROOT, "%s x %d for %.1f s: %d opened, %d refused, %d cut, held max %d,"
                    + " held at the end %d, statuses %s, errors %d (first: %s)%n", settings.attack().label(),
                    settings.connections(), settings.seconds(), r.opened(), r.refused(), r.cut(), r.heldMax(),
                    r.heldEnd(), r.statuses(), r.errors().count(), r.errors().first());
            System.out.println(r.resultLine());
        } catch (IOException e) {
            System.err.println("attack: " + e);
            System.exit(1);
        }
    }
}
