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

    private final Set<Path> live = new LinkedHashSet<>();
    private boolean ended;

    /** A new empty file in {@code dir}. @throws IllegalStateException once the request ended */
    synchronized Path create(Path dir) {
        if (ended) {
            throw new IllegalStateException("the request already ended; no upload can be stored for it");
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
        live.remove(file);
    }

    /** Deletes {@code file} now (a read that failed part-way). */
    synchronized void delete(Path file) {
        live.remove(file);
        deleteQuietly(file);
    }

    /** Deletes every file not moved away; later {@link #create} calls fail. Idempotent. */
    synchronized void endRequest() {
        ended = true;
        live.forEach(TempFiles::deleteQuietly);
        live.clear();
    }

    synchronized int count() {
        return live.size();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing useful to do: the temp directory's own cleanup gets it.
        }
    }
}
