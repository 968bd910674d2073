package org.pagi.protocol.http1;

import java.nio.charset.StandardCharsets;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;

/**
 * Encodes HTTP/1.1 message parts as bytes: a response head, a chunk, the last chunk with trailers, and a
 * request head for the client role. It decides nothing about framing; the exchange does and asks for bytes.
 * Header names and values were validated when the {@link Header} was built, so nothing here can split a
 * message. Stateless.
 */
public final class Http1Writer {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private Http1Writer() {
    }

    /** @return {@code HTTP/1.1 100 Continue} with its empty header section */
    public static byte[] continue100() {
        return CONTINUE.clone();
    }

    /** @return the status line and header section of a response, ending with the empty line */
    public static byte[] responseHead(int status, Headers headers) {
        Sink out = new Sink(64 + headers.size() * 32);
        out.ascii("HTTP/1.1 ").ascii(Integer.toString(status)).put((byte) ' ').ascii(ReasonPhrases.of(status)).put(CRLF);
        fields(out, headers);
        out.put(CRLF);
        return out.toArray();
    }

    /** @return a request line and header section (client role) */
    public static byte[] requestHead(String method, Bytes target, Headers headers) {
        Sink out = new Sink(64 + target.length() + headers.size() * 32);
        out.ascii(method).put((byte) ' ').put(target).ascii(" HTTP/1.1").put(CRLF);
        fields(out, headers);
        out.put(CRLF);
        return out.toArray();
    }

    /** @return one chunk of the chunked coding; empty data gives no bytes (an empty chunk would end the body) */
    public static byte[] chunk(Bytes data) {
        if (data.isEmpty()) {
            return new byte[0];
        }
        Sink out = new Sink(data.length() + 12);
        out.ascii(Integer.toHexString(data.length())).put(CRLF).put(data).put(CRLF);
        return out.toArray();
    }

    /** @return the size line of a chunk of {@code size} bytes: hex digits and CRLF, for a gathering write */
    public static byte[] chunkSizeLine(int size) {
        String hex = Integer.toHexString(size);
        byte[] out = new byte[hex.length() + 2];
        for (int i = 0; i < hex.length(); i++) {
            out[i] = (byte) hex.charAt(i);
        }
        out[hex.length()] = '\r';
        out[hex.length() + 1] = '\n';
        return out;
    }

    /** @return the last chunk, the trailer fields, and the final CRLF */
    public static byte[] lastChunk(Headers trailers) {
        Sink out = new Sink(8 + trailers.size() * 32);
        out.put(LAST_CHUNK);
        fields(out, trailers);
        out.put(CRLF);
        return out.toArray();
    }

    private static void fields(Sink out, Headers headers) {
        for (Header h : headers) {
            out.ascii(h.name()).put((byte) ':').put((byte) ' ').put(h.value()).put(CRLF);
        }
    }

    /** A small growable byte array. */
    private static final class Sink {
        private byte[] buf;
        private int n;

        Sink(int capacity) {
            buf = new byte[capacity];
        }

        Sink put(byte b) {
            ensure(1);
            buf[n++] = b;
            return this;
        }

        Sink put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }

        Sink put(Bytes b) {
            ensure(b.length());
            b.copyTo(buf, n);
            n += b.length();
            return this;
        }

        Sink ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[n++] = (byte) s.charAt(i);
            }
            return this;
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        byte[] toArray() {
            return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        }
    }
}
