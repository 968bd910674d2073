package org.pagi.middleware.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} for one test: on a free loopback port, persistence off, in a private folder,
 * stopped by its PID. {@link #stop()} and {@link #restart()} on the same port simulate Redis lost and back.
 * Never skipped: without the package the test fails and says how to install it ({@code .ci/run} does).
 */
public final class RedisServerProcess implements AutoCloseable {
    /** Where Debian installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    /** What redis-server logs once it listens (7.0 and later). */
    private static final String READY = "Ready to accept connections";

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** @return a running server on a free port */
    public static RedisServerProcess start() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install redis-server (.ci/run does)");
        }
        try {
            Path dir = Files.createTempDirectory("pagi-redis");
            // The free port is only known free when asked: another process may bind it before redis-server does.
            // That start fails with "Address already in use" and is tried again on another port.
            for (int attempt = 1; ; attempt++) {
                RedisServerProcess redis = new RedisServerProcess(freePort(), dir);
                try {
                    redis.startProcess();
                    return redis;
                } catch (PortTaken e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port it listens on, 127.0.0.1 only */
    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:port} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public synchronized void restart() {
        if (process == null || !process.isAlive()) {
            startProcess();
        }
    }

    /** Kills the server (SIGKILL, as a crash) and waits until the port is free. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        List<String> command = List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString(), "--protected-mode", "yes");
        try {
            Files.deleteIfExists(dir.resolve("redis.log"));   // so READY is this start's, not a previous one's
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            // Ready only when this process says so: a PONG alone could come from another server on the port.
            if (process.isAlive() && read(dir.resolve("redis.log")).contains(READY) && answersPing()) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        String log = read(dir.resolve("redis.log")) + read(dir.resolve("stdout.log"));
        stop();
        if (log.contains("Address already in use")) {
            throw new PortTaken("redis-server could not bind port " + port + ":\n" + log);
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + log);
    }

    /** The start failed because something else holds the port. */
    private static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
