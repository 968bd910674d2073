package org.pagi.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watch behind {@code --reload}: one action per burst of writes, with the content the burst left. */
@Timeout(30)
class SourceWatcherTest {
    @TempDir
    Path dir;
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private SourceWatcher watch(Path file, Duration debounce) throws IOException {
        return SourceWatcher.start(file, debounce, () -> {
            try {
                seen.add(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String next() throws InterruptedException {
        String s = seen.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the action did not run within 10 s");
        }
        return s;
    }

    @Test
    void aBurstOfWritesRunsTheActionOnceWithWhatTheLastLeft() throws Exception {
        Path file = Files.writeString(dir.resolve("App.java"), "a0");
        // The writes of a burst come within the debounce even when a loaded machine pauses the writer.
        try (SourceWatcher w = watch(file, Duration.ofSeconds(2))) {
            for (int i = 1; i <= 5; i++) {
                Files.writeString(file, "a" + i);
            }
            assertEquals("a5", next());
            Files.writeString(file, "b");
            assertEquals("b", next(), "one action for the burst, then one for the next change");
        }
    }

    @Test
    void noticesAFileRenamedOverTheWatchedOne() throws Exception {
        Path file = Files.writeString(dir.resolve("App.java"), "old");
        try (SourceWatcher w = watch(file, Duration.ofMillis(50))) {
            Path saved = Files.writeString(dir.resolve("App.java~"), "new");
            Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals("new", next());
        }
    }

    @Test
    void refusesAFileInAMissingFolder() {
        assertThrows(NoSuchFileException.class, () -> watch(dir.resolve("gone/App.java"), Duration.ZERO));
    }
}
