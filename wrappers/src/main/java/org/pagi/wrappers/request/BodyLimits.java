package org.pagi.wrappers.request;

import java.nio.file.Path;
import java.util.Objects;
import org.pagi.spec.HttpScope;
import org.pagi.spec.RequestScope;
import org.pagi.wrappers.routing.Middleware;

/**
 * How much of a request body the reading methods take. Crossing a limit fails with
 * {@link PayloadTooLargeException} (413) as soon as it is seen; nothing past the crossing chunk is buffered, and
 * a multipart read deletes the files it had written.
 *
 * <p>The no-argument body methods of {@link Request} use the limits in the scope attribute {@link #ATTRIBUTE},
 * else {@link #DEFAULTS}. {@link #middleware()} sets that attribute, so limits are set per router (wrap the
 * router), per mount, group or route (pass the middleware there); the innermost one wins.
 *
 * <p>A multipart body is bounded as a whole by {@code maxBodyBytes} (uploads past the spill threshold go to disk,
 * not memory, but a request must still not fill the disk: raise it on the routes that take uploads), and part by
 * part as upstream PAGI does: at most {@code maxFields} text fields of {@code maxFieldBytes} each and
 * {@code maxFiles} files of {@code maxFileBytes} each.
 *
 * @param maxBodyBytes        whole body (every reading method, multipart included); default 1 MiB
 * @param maxFields           form fields, url-encoded or multipart text parts; default 1000
 * @param maxFieldBytes       one form field's value, in UTF-8 bytes; default 1 MiB
 * @param maxFiles            multipart file parts (parts with a filename); default 100
 * @param maxFileBytes        one uploaded file; default 10 MiB (upstream's {@code max_file_size})
 * @param spillThresholdBytes an upload larger than this goes to a temp file, else stays in memory; default 64 KiB
 * @param tempDir             where uploads are spilled; default {@code java.io.tmpdir}
 */
public record BodyLimits(long maxBodyBytes, int maxFields, long maxFieldBytes, int maxFiles, long maxFileBytes,
        long spillThresholdBytes, Path tempDir) {

    /** Scope attribute holding the BodyLimits the no-argument body methods use. */
    public static final String ATTRIBUTE = "pagi.body_limits";

    /** 1 MiB body, 1000 fields, 1 MiB field, 100 files, 10 MiB file, 64 KiB spill threshold, system temp dir. */
    public static final BodyLimits DEFAULTS = new BodyLimits(1L << 20, 1000, 1L << 20, 100, 10L << 20, 64L << 10,
            Path.of(System.getProperty("java.io.tmpdir")));

    /** Checks every limit, naming the one that is out of range. */
    public BodyLimits {
        requireAtLeast("maxBodyBytes", maxBodyBytes, 0);
        requireAtLeast("maxFields", maxFields, 1);
        requireAtLeast("maxFieldBytes", maxFieldBytes, 0);
        requireAtLeast("maxFiles", maxFiles, 0);
        requireAtLeast("maxFileBytes", maxFileBytes, 0);
        requireAtLeast("spillThresholdBytes", spillThresholdBytes, 0);
        Objects.requireNonNull(tempDir, "tempDir");
    }

    /** The three body limits, the multipart ones at their defaults. */
    public BodyLimits(long maxBodyBytes, int maxFields, long maxFieldBytes) {
        this(maxBodyBytes, maxFields, maxFieldBytes, DEFAULTS.maxFiles, DEFAULTS.maxFileBytes,
                DEFAULTS.spillThresholdBytes, DEFAULTS.tempDir);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    /** The limits in {@code scope}'s {@link #ATTRIBUTE}, else {@link #DEFAULTS}. */
    public static BodyLimits of(RequestScope scope) {
        return scope.attribute(ATTRIBUTE).filter(BodyLimits.class::isInstance).map(BodyLimits.class::cast)
                .orElse(DEFAULTS);
    }

    /** A middleware that puts these limits in every http scope it passes on (other scopes pass unchanged). */
    public Middleware middleware() {
        return next -> (scope, receive, send) -> next.call(
                scope instanceof HttpScope http ? http.withAttribute(ATTRIBUTE, this) : scope, receive, send);
    }

    /** @return a copy with {@code maxBodyBytes} replaced */
    public BodyLimits withMaxBodyBytes(long value) {
        return new BodyLimits(value, maxFields, maxFieldBytes, maxFiles, maxFileBytes, spillThresholdBytes, tempDir);
    }

    /** @return a copy with {@code maxFields} replaced */
    public BodyLimits withMaxFields(int value) {
        return new BodyLimits(maxBodyBytes, value, maxFieldBytes, maxFiles, maxFileBytes, spillThresholdBytes,
                tempDir);
    }

    /** @return a copy with {@code maxFieldBytes} replaced */
    public BodyLimits withMaxFieldBytes(long value) {
        return new BodyLimits(maxBodyBytes, maxFields, value, maxFiles, maxFileBytes, spillThresholdBytes, tempDir);
    }

    /** @return a copy with {@code maxFiles} replaced */
    public BodyLimits withMaxFiles(int value) {
        return new BodyLimits(maxBodyBytes, maxFields, maxFieldBytes, value, maxFileBytes, spillThresholdBytes,
                tempDir);
    }

    /** @return a copy with {@code maxFileBytes} replaced */
    public BodyLimits withMaxFileBytes(long value) {
        return new BodyLimits(maxBodyBytes, maxFields, maxFieldBytes, maxFiles, value, spillThresholdBytes, tempDir);
    }

    /** @return a copy with {@code spillThresholdBytes} replaced */
    public BodyLimits withSpillThresholdBytes(long value) {
        return new BodyLimits(maxBodyBytes, maxFields, maxFieldBytes, maxFiles, maxFileBytes, value, tempDir);
    }

    /** @return a copy with {@code tempDir} replaced */
    public BodyLimits withTempDir(Path value) {
        return new BodyLimits(maxBodyBytes, maxFields, maxFieldBytes, maxFiles, maxFileBytes, spillThresholdBytes,
                value);
    }
}
