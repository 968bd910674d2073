package org.pagi.spec.event;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code http.response.body} (send) with a file: the server opens {@code file}, streams {@code length} bytes
 * from {@code offset} (to the end when empty), and closes it. The response is complete afterwards. If the file
 * cannot be opened, the send fails.
 *
 * @param file   an absolute path
 * @param offset where to start, 0 or more; past the end sends nothing
 * @param length how many bytes to send; empty means to the end
 */
public record HttpResponseFile(Path file, long offset, OptionalLong length) implements HttpResponseBodyEvent {
    /** Checks the path and the range. */
    public HttpResponseFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(length, "length");
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("http.response.body: file must be an absolute path, got " + file);
        }
        Ranges.check(offset, length);
    }

    /** @return the whole file */
    public static HttpResponseFile of(Path file) {
        return new HttpResponseFile(file, 0, OptionalLong.empty());
    }

    @Override
    public boolean more() {
        return false;
    }
}
