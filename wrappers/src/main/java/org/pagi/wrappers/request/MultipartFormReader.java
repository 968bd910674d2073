package org.pagi.wrappers.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pagi.spec.Bytes;

/**
 * Reads a whole multipart body into a {@link MultipartForm}: text parts decoded as UTF-8 (bad bytes become
 * U+FFFD), file parts kept in memory up to the spill threshold and written to a temp file past it. On any
 * failure the files this read wrote are deleted before the failure is passed on.
 */
final class MultipartFormReader {

    private static final String DEFAULT_FILE_TYPE = "application/octet-stream";

    private final MultipartPump pump;
    private final BodyLimits limits;
    private final TempFiles temps;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
    private final List<UploadedFile> allFiles = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private MultipartEvent.PartStart part;
    private ByteArrayOutputStream memory;
    private FileChannel channel;
    private Path spill;
    private long size;

    private MultipartFormReader(MultipartPump pump, BodyLimits limits, TempFiles temps) {
        this.pump = pump;
        this.limits = limits;
        this.temps = temps;
    }

    static CompletionStage<MultipartForm> read(MultipartPump pump, BodyLimits limits, TempFiles temps) {
        MultipartFormReader reader = new MultipartFormReader(pump, limits, temps);
        return reader.loop().whenComplete((form, failure) -> {
            if (failure != null) {
                reader.abandon();
            }
        });
    }

    private CompletionStage<MultipartForm> loop() {
        return pump.next().thenCompose(event -> {
            switch (event) {
                case MultipartEvent.PartStart start -> begin(start);
                case MultipartEvent.Data data -> append(data.bytes());
                case MultipartEvent.PartEnd end -> finishPart();
                case MultipartEvent.End end -> {
                    return CompletableFuture.completedFuture(new MultipartForm(fields, files, allFiles));
                }
            }
            return loop();
        });
    }

    private void begin(MultipartEvent.PartStart start) {
        part = start;
        memory = new ByteArrayOutputStream();
        size = 0;
    }

    private void append(Bytes bytes) {
        size += bytes.length();
        try {
            if (channel == null && part.filename().isPresent() && size > limits.spillThresholdBytes()) {
                spill = temps.create(limits.tempDir());
                written.add(spill);
                channel = FileChannel.open(spill, StandardOpenOption.WRITE);
                writeAll(ByteBuffer.wrap(memory.toByteArray()));
                memory = null;
            }
            if (channel != null) {
                writeAll(ByteBuffer.wrap(bytes.toByteArray()));
            } else {
                memory.write(bytes.toByteArray(), 0, bytes.length());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write upload '" + part.name() + "' to " + spill, e);
        }
    }

    private void writeAll(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void finishPart() {
        if (part.filename().isEmpty()) {
            fields.computeIfAbsent(part.name(), k -> new ArrayList<>())
                    .add(new String(memory.toByteArray(), StandardCharsets.UTF_8));
        } else {
            closeChannel();
            UploadedFile file = new UploadedFile(part.name(), part.filename().get(),
                    part.contentType().orElse(DEFAULT_FILE_TYPE), part.headers(), size,
                    memory == null ? null : Bytes.of(memory.toByteArray()), memory == null ? spill : null, temps);
            files.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(file);
            allFiles.add(file);
        }
        part = null;
        memory = null;
        spill = null;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close upload temp file " + spill, e);
            }
            channel = null;
        }
    }

    /** A failed read: close and delete everything written. */
    private void abandon() {
        try {
            closeChannel();
        } catch (UncheckedIOException e) {
            // Deleting below is what matters.
        }
        written.forEach(temps::delete);
    }
}
