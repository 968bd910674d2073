package org.pagi.examples.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium for page tests, driven over the DevTools protocol with the JDK's WebSocket client (no
 * browser-driver dependency). {@link #launch()} starts {@code /usr/bin/chromium} (Debian's package) with a fresh
 * profile and port 0, reads the DevTools address from the {@code DevTools listening on ws://...} line it prints on
 * stderr, and connects; {@link #open(String)} gives a {@link BrowserPage} per tab. {@link #close()} ends the
 * browser and the processes it started, by their own process ids, and deletes the profile.
 *
 * <p>A missing browser fails the test with a message saying how to install it: page tests never skip silently.
 * Used from one test thread; put the test under JUnit's {@code @Timeout} as well, since every wait here is bounded
 * but a test may make many.
 */
public final class Chromium implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** The bound of each DevTools command and of the start. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int STDERR_LINES_KEPT = 40;

    private final Process process;
    private final Path profile;
    private final DevToolsConnection devTools;
    private final Deque<String> stderr;
    private boolean closed;

    private Chromium(Process process, Path profile, DevToolsConnection devTools, Deque<String> stderr) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
        this.stderr = stderr;
    }

    /** Starts {@link #BINARY}; see {@link #launch(Path)}. */
    public static Chromium launch() {
        return launch(BINARY);
    }

    /**
     * Starts headless Chromium from {@code binary} with a fresh profile and connects to its DevTools endpoint.
     *
     * @throws AssertionError when the binary is missing (saying how to install it), or the browser does not start
     */
    public static Chromium launch(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("the page tests need headless Chromium at " + binary + ", which is missing: "
                    + "install Debian's package with `apt-get update && apt-get install -y chromium` "
                    + "(.ci/run installs it when missing)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("pagi-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a profile folder for Chromium", e);
        }
        List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new AssertionError("could not start " + binary, e);
        }
        Deque<String> stderr = new ArrayDeque<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("chromium-stderr-" + process.pid())
                .start(() -> readStderr(process, stderr, endpoint));
        try {
            URI uri = endpoint.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Chromium(process, profile, DevToolsConnection.open(uri, TIMEOUT), stderr);
        } catch (InterruptedException | ExecutionException | TimeoutException | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stop(process, process.descendants().toList());
            deleteTree(profile);
            throw new AssertionError("Chromium did not start: " + e + "; its last stderr lines:\n"
                    + String.join("\n", snapshot(stderr)), e);
        }
    }

    /**
     * Opens {@code url} in a new tab and waits for its {@code load} event.
     *
     * @throws AssertionError when the page cannot be loaded (the browser's error text) or not in time
     */
    public BrowserPage open(String url) {
        return BrowserPage.open(devTools, url);
    }

    /** @return the browser's process id */
    public long pid() {
        return process.pid();
    }

    /** @return the profile folder, deleted by {@link #close()} */
    public Path profile() {
        return profile;
    }

    /** @return the browser's last stderr lines, for a failure message */
    public List<String> stderrTail() {
        return snapshot(stderr);
    }

    /**
     * Closes the pages and the browser ({@code Browser.close}, then a kill if it lingers), ends every process it
     * started (by the ids it had as the browser's descendants), and deletes the profile. Does nothing the second
     * time.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.descendants().toList(); // before the browser exits and they lose it
        try {
            devTools.send("Browser.close", Map.of(), null);
        } catch (RuntimeException e) {
            // the browser is gone already, or the connection is: the kill below ends it
        }
        devTools.close();
        try {
            stop(process, children);
        } finally {
            deleteTree(profile);
        }
    }

    private static void stop(Process process, List<ProcessHandle> children) {
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            }
            // all at once, then one wait for all: the helpers need not close in turn
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            CompletableFuture.allOf(children.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a Chromium process outlived the kill", e);
        }
    }

    private static void readStderr(Process process, Deque<String> kept, CompletableFuture<URI> endpoint) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) { // read to the end, so Chromium never blocks on a full pipe
                synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > STDERR_LINES_KEPT) {
                        kept.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    endpoint.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the pipe closes when the browser is killed
        }
        endpoint.completeExceptionally(new IllegalStateException("Chromium exited before printing its DevTools "
                + "address"));
    }

    private static List<String> snapshot(Deque<String> kept) {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the Chromium profile " + root, e);
        }
    }
}
