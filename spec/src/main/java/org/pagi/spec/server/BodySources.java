package org.pagi.spec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.pagi.spec.Bytes;
import org.pagi.spec.event.HttpResponseFile;

/**
 * Reads the file and channel forms of {@code http.response.body}: the range rules of the spec (an offset past
 * the end sends nothing; no length means to the end) in one place for every server and the test client.
 */
public final class BodySources {
    private BodySources() {
    }

    /**
     * Opens the file of a file body.
     *
     * @throws UncheckedIOException naming the file when it cannot be opened (the send must fail)
     */
    public static FileChannel open(HttpResponseFile body) {
        try {
            return FileChannel.open(body.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open response file " + body.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code length} bytes (to the end when empty) from {@code offset} of an open channel.
     *
     * @throws IllegalArgumentException for a closed channel, or a range over 2 GiB
     * @throws UncheckedIOException     when reading fails
     */
    public static Bytes read(SeekableByteChannel channel, long offset, OptionalLong length) {
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("http.response.body: the channel is closed");
        }
        try {
            long size = channel.size();
            long from = Math.min(offset, size);
            long n = Math.min(size - from, length.orElse(Long.MAX_VALUE));
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("http.response.body: " + n
                        + " bytes in one file body; send ranges of at most 2 GiB");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) n);
            channel.position(from);
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // a short read is not the end; -1 is
            }
            buf.flip();
            return Bytes.of(buf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the response body: " + e.getMessage(), e);
        }
    }
}
