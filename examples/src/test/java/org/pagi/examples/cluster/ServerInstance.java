package org.pagi.examples.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real server as a separate JVM: {@code java -cp <this JVM's class path> org.pagi.server.Main --app <class>
 * --host 127.0.0.1 --port 0}, what {@code bin/pagi-server} runs; the port the kernel gave it is read from its
 * banner, so no port is picked here to be bound there later, when another process could have taken it. This JVM's
 * environment is passed on, plus the variables given to the {@link Builder}. Its standard output and error go to a
 * file under {@code target/cluster/} ({@link #output()} for failure messages). {@link #kill()} is a crash (SIGKILL
 * by PID); {@link #close()} is a graceful stop (SIGTERM: the server's shutdown grace), then SIGKILL after
 * {@link #STOP_WAIT}.
 */
public final class ServerInstance implements AutoCloseable {
    /** How long {@link Builder#start()} waits for the first answer: a JVM start on a busy machine. */
    public static final Duration START_WAIT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for a graceful stop before it kills. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** {@code org.pagi.server.Main}'s exit status when it cannot listen (or otherwise start). */
    private static final int CANNOT_START = 1;
    private static final Path OUTPUT_DIR = Path.of("target", "cluster");
    // A small heap and the quick JIT: several instances share a small machine during a test.
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:TieredStopAtLevel=1");
    /** The banner's line naming the address the server bound ({@code org.pagi.server.cli.Banner}). */
    private static final Pattern LISTENING =
            Pattern.compile("(?m)^\\s*listening\\s+http://127\\.0\\.0\\.1:(\\d+)\\s*$");

    private final String app;
    private final Process process;
    private final int port;
    private final Path outputFile;

    private ServerInstance(String app, Process process, int port, Path outputFile) {
        this.app = app;
        this.process = process;
        this.port = port;
        this.outputFile = outputFile;
    }

    /**
     * @param appClass the application, as {@code --app} takes it: a class name on this JVM's class path
     * @return a builder for an instance of it
     */
    public static Builder of(String appClass) {
        return new Builder(Objects.requireNonNull(appClass, "appClass"));
    }

    /** @return the loopback port the instance listens on */
    public int port() {
        return port;
    }

    /** @return the operating system's id of the instance's JVM */
    public long pid() {
        return process.pid();
    }

    /** @return whether the instance's JVM is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the file that holds the instance's standard output and error */
    public Path outputFile() {
        return outputFile;
    }

    /** @return what the instance has written so far (standard output and error), for a failure message */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + outputFile + ": " + e + ")";
        }
    }

    /** @return the instance's exit status, once it has exited */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * A crash: SIGKILL by PID, no shutdown at all (open connections are reset by the kernel); returns once the
     * process is gone.
     *
     * @throws IllegalStateException when the process is still there after {@link #STOP_WAIT}
     */
    public void kill() {
        ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit();
    }

    /** Stops the instance gracefully (SIGTERM by PID), and kills it when it has not exited after {@link #STOP_WAIT}. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("instance " + app + " (pid " + pid() + ") still running after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for pid " + pid() + " to exit", e);
        }
    }

    @Override
    public String toString() {
        return "ServerInstance[" + app + " on 127.0.0.1:" + port + ", pid " + pid() + "]";
    }

    /** What to start: the application, extra options and environment variables, the port. */
    public static final class Builder {
        private final String app;
        private final List<String> options = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String readyPath = "/";
        private int port;

        private Builder(String app) {
            this.app = app;
        }

        /**
         * @param more server options after {@code --app}, {@code --host} and {@code --port} ({@code --loops 1},
         *             {@code --proxy-headers}, ...)
         * @return this builder
         */
        public Builder options(String... more) {
            options.addAll(List.of(more));
            return this;
        }

        /**
         * @param name  an environment variable the instance gets on top of this JVM's ({@code PAGI_REDIS_URL}, ...)
         * @param value its value
         * @return this builder
         */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param value the loopback port to listen on (to start again where a killed instance was); default: one
         *              the kernel chooses when the instance binds
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535, got " + value);
            }
            port = value;
            return this;
        }

        /**
         * @param path the path asked for until the instance answers (any HTTP status counts); default {@code /}
         * @return this builder
         */
        public Builder readyPath(String path) {
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("readyPath must start with /, got '" + path + "'");
            }
            readyPath = path;
            return this;
        }

        /**
         * Starts the instance and waits until it answers an HTTP request.
         *
         * @return the running instance
         * @throws IOException naming the instance and showing its output when it exits, or does not answer within
         *                     {@link #START_WAIT} (then it is killed)
         */
        public ServerInstance start() throws IOException {
            Files.createDirectories(OUTPUT_DIR);
            Path out = Files.createTempFile(OUTPUT_DIR, simpleName(app) + "-" + port + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.pagi.server.Main",
                    "--app", app, "--host", "127.0.0.1", "--port", Integer.toString(port)));
            command.addAll(options);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().putAll(env);
            Process process = pb.start();
            ServerInstance instance;
            try {
                instance = new ServerInstance(app, process, port != 0 ? port : boundPort(process, out), out);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            try {
                instance.awaitAnswer(readyPath);
            } catch (IOException | RuntimeException e) {
                instance.kill();
                throw e;
            }
            return instance;
        }

        /** Waits for the banner, which the server writes once it has bound: @return the port it names */
        private int boundPort(Process process, Path out) throws IOException {
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                boolean exited = !process.isAlive(); // read after: the output is then complete
                String output = Files.readString(out, StandardCharsets.UTF_8);
                Matcher listening = LISTENING.matcher(output);
                if (listening.find()) {
                    return Integer.parseInt(listening.group(1));
                }
                if (exited) {
                    throw new IOException("ServerInstance[" + app + ", pid " + process.pid() + "] exited with "
                            + process.exitValue() + " before answering:\n" + output.strip());
                }
                pause(process);
            }
            throw new IOException("ServerInstance[" + app + ", pid " + process.pid() + "] wrote no banner within "
                    + START_WAIT.toSeconds() + " s:\n" + Files.readString(out, StandardCharsets.UTF_8).strip());
        }

        private static java.io.File nullDevice() {
            return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
        }

        /** @return the class's last two name parts ({@code hellohttp.App}), enough to tell output files apart */
        private static String simpleName(String app) {
            int dot = app.lastIndexOf('.');
            return app.substring(dot > 0 ? app.lastIndexOf('.', dot - 1) + 1 : 0);
        }
    }

    private void awaitAnswer(String path) throws IOException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String message = this + " exited with " + process.exitValue() + " before answering:\n"
                        + output().strip();
                throw process.exitValue() == CANNOT_START && output().contains("cannot listen on")
                        ? new PortTakenException(message) : new IOException(message);
            }
            try {
                answers(path);
                return;
            } catch (IOException notYet) {
                last = notYet;
            }
            pause(process);
        }
        throw new IOException(this + " did not answer within " + START_WAIT.toSeconds() + " s (last: " + last
                + "):\n" + output().strip());
    }

    /** Sends {@code GET path} and reads the status line; throws when there is no connection or no answer. */
    private void answers(String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] status = in.readNBytes("HTTP/1.1 200".length());
            if (!new String(status, StandardCharsets.US_ASCII).matches("HTTP/1\\.[01] \\d{3}")) {
                throw new IOException("no HTTP answer yet: '" + new String(status, StandardCharsets.US_ASCII) + "'");
            }
        }
    }

    /** Waits a little: a JVM is starting elsewhere, nothing here to wait on but its port or its output file. */
    private static void pause(Process process) throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for pid " + process.pid(), e);
        }
    }

    /** The instance could not bind its port. */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
