package org.pagi.jmh.load;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pagi.server.ExecutionMode;
import org.pagi.server.PagiServer;
import org.pagi.server.ServerConfig;

/**
 * Runs {@link BenchApp} on the PAGI server for {@code jmh/run-ws-sse.sh}:
 * {@code java -cp benchmarks.jar org.pagi.jmh.load.BenchServer --port P --mode event-loop --loops 1}.
 *
 * <p>The access log is off (one line per WebSocket or stream would measure the console) and every other setting
 * is the server's default, except the shutdown grace: 1 s, so that a stop is quick. It prints one line,
 * {@code bench-server listening on http://HOST:PORT/ (mode M, N loop(s))}, to standard output once it serves.
 *
 * <p>It stops gracefully on SIGTERM or SIGINT, when standard input closes if started with {@code --stdin close},
 * and after {@code --max-seconds} (default {@value #DEFAULT_MAX_SECONDS}; 0 for no limit), so that a forgotten
 * server does not run for ever. A stop that takes longer than {@value #STOP_SECONDS} s is abandoned and the
 * process exits anyway.
 */
public final class BenchServer {
    static final String USAGE = "usage: BenchServer [--port 0] [--host 127.0.0.1] [--mode virtual-threads|event-loop]"
            + " [--loops 1] [--max-seconds " + BenchServer.DEFAULT_MAX_SECONDS + "] [--stdin close|ignore]";
    static final int DEFAULT_MAX_SECONDS = 3600;
    static final int STOP_SECONDS = 10;

    private BenchServer() {
    }

    /** @return a running server with {@link BenchApp} on {@code host:port} (0: a free port) */
    public static PagiServer start(String host, int port, ExecutionMode mode, int loops) throws IOException {
        ServerConfig config = ServerConfig.builder()
                .host(host)
                .port(port)
                .executionMode(mode)
                .loops(loops)
                .accessLog(false)
                .shutdownGrace(Duration.ofSeconds(1))
                .build();
        return PagiServer.start(new BenchApp(), config);
    }

    /** @return the execution mode named on the command line */
    static ExecutionMode mode(String name) {
        return switch (name) {
            case "virtual-threads" -> ExecutionMode.VIRTUAL_THREADS;
            case "event-loop" -> ExecutionMode.EVENT_LOOP;
            default -> throw new IllegalArgumentException("--mode is virtual-threads or event-loop, got " + name);
        };
    }

    /** Serves until stopped; exit status 2 for a bad command line, 1 when the server cannot start. */
    public static void main(String[] args) throws InterruptedException {
        if (Args.wantsHelp(args)) {
            System.out.println(USAGE);
            return;
        }
        PagiServer server;
        int maxSeconds;
        boolean watchStdin;
        try {
            Args a = Args.parse(USAGE, List.of("--port", "--host", "--mode", "--loops", "--max-seconds", "--stdin"),
                    args);
            String host = a.text("--host", "127.0.0.1");
            int port = a.number("--port", 0, 0, 65_535);
            String modeName = a.text("--mode", "virtual-threads");
            ExecutionMode mode = mode(modeName);
            int loops = a.number("--loops", 1, 1, 1024);
            maxSeconds = a.number("--max-seconds", DEFAULT_MAX_SECONDS, 0, Integer.MAX_VALUE);
            String stdin = a.text("--stdin", "ignore");
            if (!stdin.equals("close") && !stdin.equals("ignore")) {
                throw new IllegalArgumentException("--stdin is close or ignore, got " + stdin);
            }
            watchStdin = stdin.equals("close");
            try {
                server = start(host, port, mode, loops);
            } catch (IOException | RuntimeException e) {
                System.err.println("bench-server: cannot start on " + host + ":" + port + ": " + e);
                System.exit(1);
                return;
            }
            System.out.println("bench-server listening on http://" + host + ":" + server.port() + "/ (mode " + modeName
                    + ", " + loops + (loops == 1 ? " loop)" : " loops)"));
            System.out.flush();
        } catch (IllegalArgumentException e) {
            System.err.println("bench-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeBounded(server), "bench-server-shutdown"));
        if (watchStdin) {
            Thread.ofPlatform().daemon().name("bench-server-stdin").start(() -> {
                drain(System.in);
                stop.countDown();
            });
        }
        if (maxSeconds > 0 && !stop.await(maxSeconds, TimeUnit.SECONDS)) {
            System.err.println("bench-server: --max-seconds " + maxSeconds + " reached; stopping");
        } else if (maxSeconds == 0) {
            stop.await();
        }
        System.exit(0); // runs the shutdown hook, which closes the server
    }

    /** Closes the server, giving up after {@value #STOP_SECONDS} s so that the process always ends. */
    private static void closeBounded(PagiServer server) {
        Thread closer = Thread.ofPlatform().daemon().name("bench-server-close").start(server::close);
        try {
            closer.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.err.println("bench-server: the server did not stop within " + STOP_SECONDS + " s; exiting anyway");
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // discard: only the end of input matters
            }
        } catch (IOException e) {
            // a broken stdin counts as closed
        }
    }
}
