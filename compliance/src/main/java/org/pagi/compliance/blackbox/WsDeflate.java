package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate by hand (RFC 7692 section 7.2), for the compression cases that must shape the compressed
 * bytes themselves (fragments, a final block, no context, no window) or look at the server's: a client-side
 * compressor, a decompressor for the server's payloads, and a reader for the server's answer to an offer. The
 * connection's own codec does the ordinary work; this is for what it does not expose. Not thread-safe.
 */
final class WsDeflate {
    /** Section 7.2.1: the empty stored block a sync flush ends with; the sender removes it, the receiver adds it. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private WsDeflate() {
    }

    /** Compresses messages the way a client does, one sync-flushed payload each with the tail removed. */
    static final class Compressor implements AutoCloseable {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final boolean noContextTakeover;

        /**
         * @param noContextTakeover start every message afresh (section 7.1.1)
         * @param huffmanOnly       use no back-references at all, which honours any window limit (section 7.1.2);
         *                          Deflater cannot shrink its window otherwise
         */
        Compressor(boolean noContextTakeover, boolean huffmanOnly) {
            this.noContextTakeover = noContextTakeover;
            if (huffmanOnly) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // Deflater applies a new strategy on its next call, which then does nothing else: spend it now.
                deflater.deflate(new byte[64], 0, 64, Deflater.NO_FLUSH);
            }
        }

        /** @return {@code message} compressed as one permessage-deflate payload */
        byte[] compress(byte[] message) {
            deflater.setInput(message);
            byte[] out = drain(Deflater.SYNC_FLUSH);
            if (noContextTakeover) {
                deflater.reset();
            }
            Expect.that(out.length >= 4 && Arrays.equals(out, out.length - 4, out.length, TAIL, 0, 4),
                    "zlib's sync flush did not end with 00 00 FF FF");
            return Arrays.copyOf(out, out.length - 4);
        }

        /** @return {@code message} as a complete DEFLATE stream ending in a BFINAL block (section 7.2.3.4) */
        byte[] compressFinal(byte[] message) {
            deflater.setInput(message);
            deflater.finish();
            byte[] out = drain(Deflater.NO_FLUSH);
            deflater.reset();
            return out;
        }

        private byte[] drain(int flush) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (true) {
                int n = deflater.deflate(chunk, 0, chunk.length, flush);
                out.write(chunk, 0, n);
                if (n < chunk.length && (flush == Deflater.SYNC_FLUSH || deflater.finished())) {
                    return out.toByteArray();
                }
            }
        }

        @Override
        public void close() {
            deflater.end();
        }
    }

    /** Decompresses the server's compressed payloads, keeping the context between messages unless told not to. */
    static final class Decompressor implements AutoCloseable {
        private final Inflater inflater = new Inflater(true);
        private final boolean noContextTakeover;

        /** @param noContextTakeover whether the server agreed to start every message afresh */
        Decompressor(boolean noContextTakeover) {
            this.noContextTakeover = noContextTakeover;
        }

        /** @return the message in {@code payload}; fails the case when the payload is not valid DEFLATE data */
        byte[] inflate(byte[] payload) {
            inflater.setInput(concat(payload, TAIL));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try {
                while (true) {
                    int n = inflater.inflate(chunk);
                    if (n == 0) {
                        break; // all input taken, or the stream finished (a BFINAL block)
                    }
                    out.write(chunk, 0, n);
                }
            } catch (DataFormatException e) {
                throw new CaseFailed("the server's compressed payload is not valid DEFLATE data (RFC 7692 section "
                        + "7.2.2): " + e.getMessage() + "; payload starts " + WsWire.hex(Arrays.copyOf(payload,
                        Math.min(16, payload.length))));
            }
            if (noContextTakeover || inflater.finished()) {
                inflater.reset();
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            inflater.end();
        }
    }

    /**
     * @return the parameters of a one-element {@code permessage-deflate} answer, names in lower case, values
     *     unquoted ("" for none); the handshake already checked it is one well-formed element
     */
    static Map<String, String> params(String answer) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] parts = answer.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(name, value);
        }
        return params;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
