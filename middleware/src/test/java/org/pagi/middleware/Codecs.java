package org.pagi.middleware;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pagi.spec.Bytes;

/** Decoders for the tests of {@link Compression}: the client's side of gzip and deflate. */
final class Codecs {
    private Codecs() {
    }

    /** Decodes a whole body in {@code coding}. */
    static String decode(String coding, Bytes body) {
        try (InputStream in = coding.equals("gzip")
                ? new GZIPInputStream(new ByteArrayInputStream(body.toByteArray()))
                : new InflaterInputStream(new ByteArrayInputStream(body.toByteArray()))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zlib (deflate coding) decoder fed chunk by chunk: returns what each chunk alone makes decodable. */
    static final class ChunkInflater {
        private final Inflater inflater = new Inflater();

        String feed(Bytes chunk) {
            inflater.setInput(chunk.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = inflater.inflate(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException(e);
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }

        boolean finished() {
            return inflater.finished();
        }
    }
}
