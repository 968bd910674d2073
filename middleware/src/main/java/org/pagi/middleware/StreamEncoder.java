package org.pagi.middleware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.pagi.spec.Bytes;

/** One response's compressor: each call returns the bytes for one event, flushed so they decode on arrival. */
final class StreamEncoder {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Deflater deflater;
    private final DeflaterOutputStream out;

    StreamEncoder(ContentCoding coding, int level) {
        try {
            if (coding == ContentCoding.GZIP) {
                out = new GZIPOutputStream(buffer, 8192, true) {
                    {
                        def.setLevel(level);
                    }
                };
                deflater = null;   // GZIPOutputStream ends its own
            } else {
                deflater = new Deflater(level);
                out = new DeflaterOutputStream(buffer, deflater, 8192, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
    }

    /**
     * @param chunk the next piece of the body
     * @param last  whether it ends the body (the stream is finished and its resources freed)
     * @return the compressed bytes to send now
     */
    Bytes encode(Bytes chunk, boolean last) {
        try {
            if (!chunk.isEmpty()) {
                out.write(chunk.toByteArray());
            }
            if (last) {
                out.close();
                if (deflater != null) {
                    deflater.end();
                }
            } else if (!chunk.isEmpty()) {
                out.flush();   // SYNC_FLUSH: everything written so far is decodable by the client now
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bytes result = Bytes.of(buffer.toByteArray());
        buffer.reset();
        return result;
    }
}
