package org.pagi.wrappers.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The upload temp files of one request: created here, forgotten when moved away, deleted when the request ends
 * or a read fails. Thread-safe. Deleting is best effort: a file already gone is fine.
 */
final class TempFiles {

    private Runnable beforeFirstFile; // dropped once run: a Cleaner may hold this object for long
    private Set<Path> live; // created with the first file: most requests never store one
    private boolean ended;

    /** @param beforeFirstFile runs once, under this object's lock, before the first file is created */
    TempFiles(Runnable beforeFirstFile) {
        this.beforeFirstFile = beforeFirstFile;
    }

    /** A new empty file in {@code dir}. @throws IllegalStateException once the request ended */
    synchronized Path create(Path dir) {
        if (ended) {
            throw new IllegalStateException("the request already ended; no upload can be stored for it");
        }
        if (live == null) {
            beforeFirstFile.run();
            beforeFirstFile = null;
            live = new LinkedHashSet<>();
        }
        try {
            Path file = Files.createTempFile(dir, "pagi-upload-", ".part");
            live.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload temp file in " + dir, e);
        }
    }

    /** The file is no longer ours to delete (moved by the application). */
    synchronized void release(Path file) {
        if (live != null) {
            live.remove(file);
        }
    }

    /** Deletes {@code file} now (a read that failed part-way). */
    synchronized void delete(Path file) {
        if (live != null) {
            live.remove(file);
        }
        deleteQuietly(file);
    }

    /** Deletes every file not moved away; later {@link #create} calls fail. Idempotent. */
    synchronized void endRequest() {
        ended = true;
        if (live != null) {
            live.forEach(TempFiles::deleteQuietly);
            live.clear();
        }
    }

    synchronized int count() {
        return live == null ? 0 : live.size();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing useful to do: the temp directory's own cleanup gets it.
        }
    }
}
