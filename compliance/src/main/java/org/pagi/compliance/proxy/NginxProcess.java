package org.pagi.compliance.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx started as an ordinary child process in front of one or several PAGI servers on 127.0.0.1, with
 * {@link NginxConfig} in a private folder; stopped by its PID on {@link #close()}.
 */
public final class NginxProcess implements AutoCloseable {
    private final Process process;
    private final Path runDir;
    private final int port;

    private NginxProcess(Process process, Path runDir, int port) {
        this.process = process;
        this.runDir = runDir;
        this.port = port;
    }

    /** @return the nginx binary: {@code /usr/sbin/nginx} or the first {@code nginx} on the PATH */
    public static Optional<Path> binary() {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, "nginx");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir, "nginx");
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts nginx in front of {@code upstreamPort} and waits until it accepts connections.
     *
     * @throws IOException when nginx is missing, fails to start or does not listen within 10 s
     */
    public static NginxProcess start(int upstreamPort) throws IOException {
        return start(List.of(upstreamPort));
    }

    /**
     * Starts nginx balancing round robin over the instances on {@code upstreamPorts} and waits until it accepts
     * connections.
     *
     * @param upstreamPorts the loopback ports of the PAGI server instances, at least one
     * @throws IOException when nginx is missing, fails to start or does not listen within 10 s
     */
    public static NginxProcess start(List<Integer> upstreamPorts) throws IOException {
        if (upstreamPorts.isEmpty()) {
            throw new IllegalArgumentException("upstreamPorts must name at least one PAGI server");
        }
        Path nginx = binary().orElseThrow(() -> new IOException(
                "nginx is not installed (Debian: apt-get install nginx; .ci/run installs it)"));
        // nginx cannot listen on port 0 and say which port it got: the port is picked here, and another process
        // may take it before nginx binds it; then nginx exits naming the address, and another port is tried.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(nginx, upstreamPorts, freePort());
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static NginxProcess start(Path nginx, List<Integer> upstreamPorts, int port) throws IOException {
        Path runDir = Files.createTempDirectory("pagi-nginx");
        Files.writeString(runDir.resolve("nginx.conf"), NginxConfig.forRun(port, upstreamPorts, runDir),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(nginx.toString(), "-p", runDir.toString(), "-c",
                runDir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("stdout.log").toFile()).start();
        NginxProcess n = new NginxProcess(p, runDir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String log = Files.readString(runDir.resolve("stdout.log")) + readIfExists(runDir.resolve("error.log"));
                n.close();
                String message = "nginx exited with " + p.exitValue() + ": " + log.strip();
                throw log.contains("Address already in use") ? new PortTakenException(message)
                        : new IOException(message);
            }
            // nginx writes its pid file only once it has bound its port: before that, whatever answers on the
            // port is another process's
            if (Files.exists(runDir.resolve("nginx.pid"))) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return n;
                } catch (IOException notYet) {
                    // bound, not yet accepting
                }
            }
            sleep();
        }
        n.close();
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    /** @return the loopback port nginx listens on */
    public int port() {
        return port;
    }

    /** @return nginx's error log so far, for a failure message */
    public String errorLog() {
        return readIfExists(runDir.resolve("error.log"));
    }

    private static String readIfExists(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** nginx could not bind the port picked for it. */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops nginx (by its PID, TERM then KILL after 5 s) and removes its folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(runDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
