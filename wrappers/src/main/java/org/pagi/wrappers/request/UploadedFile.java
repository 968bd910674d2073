package org.pagi.wrappers.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;

/**
 * One file part of a multipart body. Small files (up to {@link BodyLimits#spillThresholdBytes()}) are held in
 * memory, larger ones in a temp file that is deleted when the request ends unless {@link #moveTo} took it.
 * The reading methods work the same either way; they do plain file I/O, so call them from a handler, not
 * from an I/O loop thread, for large files. Thread-safe.
 */
public final class UploadedFile {

    private final String fieldName;
    private final String rawFilename;
    private final String contentType;
    private final Headers headers;
    private final long size;
    private final Bytes memory;       // null when spilled
    private final TempFiles owner;
    private Path file;                // null when in memory
    private boolean moved;

    UploadedFile(String fieldName, String rawFilename, String contentType, Headers headers, long size, Bytes memory,
            Path file, TempFiles owner) {
        this.fieldName = fieldName;
        this.rawFilename = rawFilename;
        this.contentType = contentType;
        this.headers = headers;
        this.size = size;
        this.memory = memory;
        this.file = file;
        this.owner = owner;
    }

    /** The form field name. */
    public String fieldName() {
        return fieldName;
    }

    /** The filename as the client sent it (may hold a path, {@code ..}, or nothing at all). */
    public String rawFilename() {
        return rawFilename;
    }

    /**
     * The filename safe to use in a path: the last segment after {@code /} or {@code \}, without control
     * characters, and {@code "upload"} when that leaves nothing or only dots.
     */
    public String filename() {
        return sanitise(rawFilename);
    }

    static String sanitise(String raw) {
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints().filter(c -> !Character.isISOControl(c)).forEach(out::appendCodePoint);
        String clean = out.toString().strip();
        return clean.isEmpty() || clean.chars().allMatch(c -> c == '.') ? "upload" : clean;
    }

    /** The part's Content-Type; {@code application/octet-stream} when it gave none (RFC 7578 section 4.4). */
    public String contentType() {
        return contentType;
    }

    /** The part's header fields. */
    public Headers headers() {
        return headers;
    }

    /** The content length in bytes. */
    public long size() {
        return size;
    }

    /** Whether the content is held in memory rather than in a temp file. */
    public boolean isInMemory() {
        return memory != null;
    }

    /** The temp file holding the content, or where {@link #moveTo} put it; empty when in memory. */
    public synchronized Optional<Path> path() {
        return Optional.ofNullable(file);
    }

    /** The whole content. @throws UncheckedIOException when the temp file cannot be read */
    public Bytes bytes() {
        if (memory != null) {
            return memory;
        }
        try {
            return Bytes.of(Files.readAllBytes(currentFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content as a stream (the caller closes it). */
    public InputStream inputStream() {
        if (memory != null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        try {
            return Files.newInputStream(currentFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores the content at {@code target} (replacing it), moving the temp file when there is one; the file is
     * then the application's and is not deleted when the request ends. Call it before the response completes.
     *
     * @throws UncheckedIOException when the move or write fails
     * @throws IllegalStateException when moved already
     */
    public synchronized void moveTo(Path target) {
        Objects.requireNonNull(target, "target");
        if (moved) {
            throw new IllegalStateException("upload '" + rawFilename + "' was already moved to " + file);
        }
        try {
            if (memory != null) {
                Files.write(target, memory.toByteArray());
            } else {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
                owner.release(file);
                file = target;
            }
            moved = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move upload '" + rawFilename + "' to " + target, e);
        }
    }

    private synchronized Path currentFile() {
        return file;
    }

    @Override
    public String toString() {
        return "UploadedFile[" + fieldName + ", " + filename() + ", " + contentType + ", " + size + " bytes]";
    }
}
