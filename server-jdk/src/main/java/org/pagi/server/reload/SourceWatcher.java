package org.pagi.server.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Watches one file and runs an action once its content changed. An editor saves in bursts (truncate, write,
 * rename a temporary file over it), so the action runs only after the folder has been quiet for the debounce
 * time, and only when the bytes differ from the last ones seen: saving without a change, or touching the file,
 * does nothing. The watch runs on a daemon thread of its own until {@link #close()}.
 */
public final class SourceWatcher implements AutoCloseable {
    /** The quiet time after a change before the action runs. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
    private static final System.Logger LOG = System.getLogger(SourceWatcher.class.getName());

    private final Path file;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watch;
    private final Thread thread;
    private byte[] last;

    private SourceWatcher(Path file, Duration debounce, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.debounce = debounce;
        this.onChange = onChange;
        this.last = read();
        this.watch = FileSystems.getDefault().newWatchService();
        try {
            this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().daemon().name("pagi-reload-watch").unstarted(this::run);
    }

    /**
     * @param file     the file to watch
     * @param debounce how long the folder must be quiet after a change before {@code onChange} runs
     * @param onChange what to do after a change, on the watch thread; the next change waits until it returned
     * @return the running watch
     * @throws IOException when the file's folder cannot be watched
     */
    public static SourceWatcher start(Path file, Duration debounce, Runnable onChange) throws IOException {
        Objects.requireNonNull(onChange, "onChange");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce: expected 0 or more, got " + debounce);
        }
        SourceWatcher w = new SourceWatcher(file, debounce, onChange);
        w.thread.start();
        return w;
    }

    private void run() {
        try {
            while (true) {
                if (!concernsFile(watch.take())) {
                    continue;
                }
                WatchKey more;
                while ((more = watch.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    concernsFile(more);
                }
                byte[] now = read();
                if (now == null || Arrays.equals(now, last)) {
                    continue; // gone for a moment (a rename is under way), or the same bytes saved again
                }
                last = now;
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "reloading " + file + " failed", e);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the watch is over
        }
    }

    /** Takes the key's events and re-arms it; true if one names the file (or events were lost). */
    private boolean concernsFile(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            ours |= e.kind() == StandardWatchEventKinds.OVERFLOW
                    || file.getFileName().equals(e.context());
        }
        key.reset();
        return ours;
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops watching and waits, bounded, for an action under way to return. */
    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing left to release
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
