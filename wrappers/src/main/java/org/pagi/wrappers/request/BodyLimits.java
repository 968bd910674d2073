package org.pagi.wrappers.request;

/**
 * How much of a request body the reading methods take. Crossing a limit fails with
 * {@link PayloadTooLargeException} (413) as soon as it is seen; nothing past the crossing chunk is buffered.
 *
 * @param maxBodyBytes  whole body ({@code body}, {@code text}, {@code json}, {@code form}); default 1 MiB
 * @param maxFields     form fields ({@code form}); default 1000
 * @param maxFieldBytes one form field's decoded value, in UTF-8 bytes; default 1 MiB
 */
public record BodyLimits(long maxBodyBytes, int maxFields, long maxFieldBytes) {

    public static final BodyLimits DEFAULTS = new BodyLimits(1L << 20, 1000, 1L << 20);

    public BodyLimits {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
        if (maxFields < 1) {
            throw new IllegalArgumentException("maxFields must be >= 1, got " + maxFields);
        }
        if (maxFieldBytes < 0) {
            throw new IllegalArgumentException("maxFieldBytes must be >= 0, got " + maxFieldBytes);
        }
    }

    public BodyLimits withMaxBodyBytes(long value) {
        return new BodyLimits(value, maxFields, maxFieldBytes);
    }

    public BodyLimits withMaxFields(int value) {
        return new BodyLimits(maxBodyBytes, value, maxFieldBytes);
    }

    public BodyLimits withMaxFieldBytes(long value) {
        return new BodyLimits(maxBodyBytes, maxFields, value);
    }
}
