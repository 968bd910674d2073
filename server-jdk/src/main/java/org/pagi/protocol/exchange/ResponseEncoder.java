package org.pagi.protocol.exchange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pagi.protocol.http1.Http1Writer;
import org.pagi.spec.Bytes;
import org.pagi.spec.Header;
import org.pagi.spec.Headers;
import org.pagi.spec.event.HttpResponseStart;

/**
 * Turns one response's events into HTTP/1.1 bytes, choosing the framing (RFC 9112 section 6) once the first
 * body piece shows whether the length is known.
 *
 * <h2>Theory of operation</h2>
 * The head is held back until the first body event (the spec lets a server delay it, so a failure before any
 * body can still become a 500). Then:
 * <ul>
 *   <li>no body allowed (HEAD, 204, 304): the head alone; body bytes are dropped;</li>
 *   <li>the application set {@code content-length}: exactly that many bytes, more is an error;</li>
 *   <li>the first body event is also the last: {@code content-length} of that piece;</li>
 *   <li>HTTP/1.1 otherwise: {@code transfer-encoding: chunked}, with trailers if the request allowed them;</li>
 *   <li>HTTP/1.0 otherwise: the body runs until the connection closes.</li>
 * </ul>
 * {@code transfer-encoding} and {@code connection} set by the application are dropped: framing and connection
 * management are the server's. {@code date} and {@code server} are added when absent.
 *
 * <p>Not thread-safe; owned by its connection.
 */
final class ResponseEncoder {
    private static final byte[] CRLF = {'\r', '\n'};

    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private final boolean headRequest;
    private final boolean http10;
    private final boolean trailersAllowed;
    private boolean keepAlive;
    private HttpResponseStart start;
    private Framing framing;
    private long declared = -1;
    private long written;
    private boolean trailersPending;
    private boolean finished;

    /**
     * @param headRequest     whether the request was HEAD (no body is written)
     * @param http10          whether the request was HTTP/1.0
     * @param keepAlive       whether the request allows the connection to persist
     * @param trailersAllowed whether the request said {@code TE: trailers}
     */
    ResponseEncoder(boolean headRequest, boolean http10, boolean keepAlive, boolean trailersAllowed) {
        this.headRequest = headRequest;
        this.http10 = http10;
        this.keepAlive = keepAlive;
        this.trailersAllowed = trailersAllowed;
    }

    void start(HttpResponseStart event) {
        start = event;
        for (Header h : event.headers()) {
            if (h.name().equals("content-length")) {
                declared = parseLength(h.text());
            }
        }
    }

    /**
     * @return the buffers for one body piece (the head in front of the first one); the piece itself is a
     *         read-only view of {@code data}, never a copy
     * @throws IllegalStateException when the body exceeds the {@code content-length} the application set
     */
    ByteBuffer[] body(Bytes data, boolean more, String date, String serverHeader) {
        List<ByteBuffer> out = new ArrayList<>(4);
        if (framing == null) {
            // A whole body gets content-length, unless trailers are coming: only chunked framing carries them.
            out.add(ByteBuffer.wrap(head(!more && !trailersWanted() ? data.length() : -1, date, serverHeader)));
        }
        switch (framing) {
            case NONE -> {
                // HEAD, 204, 304: the body is not written
            }
            case LENGTH -> {
                if (written + data.length() > declared) {
                    throw new IllegalStateException("the response body exceeds its content-length of " + declared
                            + " bytes (" + (written + data.length()) + " sent)");
                }
                written += data.length();
                addData(out, data);
            }
            case UNTIL_CLOSE -> {
                written += data.length();
                addData(out, data);
            }
            case CHUNKED -> {
                written += data.length();
                if (!data.isEmpty()) {
                    out.add(ByteBuffer.wrap(Http1Writer.chunkSizeLine(data.length())));
                    out.add(data.asReadOnlyBuffer());
                    out.add(ByteBuffer.wrap(CRLF));
                }
                if (!more) {
                    if (start.trailers() && trailersAllowed) {
                        trailersPending = true;
                    } else {
                        out.add(ByteBuffer.wrap(Http1Writer.lastChunk(Headers.empty())));
                    }
                }
            }
        }
        if (!more && !trailersPending) {
            finished = true;
        }
        return out.toArray(new ByteBuffer[0]);
    }

    private static void addData(List<ByteBuffer> out, Bytes data) {
        if (!data.isEmpty()) {
            out.add(data.asReadOnlyBuffer());
        }
    }

    /** @return the buffers that end a chunked body with these trailers; nothing for other framings */
    ByteBuffer[] trailers(Headers trailers, String date, String serverHeader) {
        List<ByteBuffer> out = new ArrayList<>(2);
        if (framing == null) {
            out.add(ByteBuffer.wrap(head(trailersWanted() ? -1 : 0, date, serverHeader)));
        }
        if (framing == Framing.CHUNKED && (trailersPending || !finished)) {
            out.add(ByteBuffer.wrap(Http1Writer.lastChunk(trailersAllowed ? trailers : Headers.empty())));
        }
        trailersPending = false;
        finished = true;
        return out.toArray(new ByteBuffer[0]);
    }

    /** @return whether the response declared trailers and the request allowed them (RFC 9110 section 10.1.4) */
    private boolean trailersWanted() {
        return start.trailers() && trailersAllowed && !http10;
    }

    /** The server is stopping: this response closes the connection (only effective before the head is written). */
    void forceClose() {
        if (framing == null) {
            keepAlive = false;
        }
    }

    /** @return whether the head has been encoded */
    boolean headWritten() {
        return framing != null;
    }

    /** @return whether the body is complete on the wire (the last piece, or its trailers, was encoded) */
    boolean finished() {
        return finished;
    }

    /** @return whether the declared content-length was not reached (the response cannot be completed) */
    boolean shortOfDeclaredLength() {
        return framing == Framing.LENGTH && written < declared;
    }

    /** @return whether the connection may carry another request after this response */
    boolean keepAlive() {
        return keepAlive;
    }

    /** @return the status sent, or 0 before the start */
    int status() {
        return start == null ? 0 : start.status();
    }

    /** @return the body bytes encoded so far (not counting framing) */
    long bodyBytes() {
        return written;
    }

    private byte[] head(long knownLength, String date, String serverHeader) {
        int status = start.status();
        boolean noBody = headRequest || status == 204 || status == 304;
        Headers.Builder out = Headers.builder();
        boolean hasDate = false;
        boolean hasServer = false;
        for (Header h : start.headers()) {
            switch (h.name()) {
                case "transfer-encoding", "connection", "keep-alive" -> {
                    // framing and connection management belong to the server (spec: Transfer-Encoding is ignored)
                }
                case "content-length" -> {
                    if (status != 204) {
                        out.add(h);
                    }
                }
                default -> {
                    hasDate |= h.name().equals("date");
                    hasServer |= h.name().equals("server");
                    out.add(h);
                }
            }
        }
        if (noBody) {
            framing = Framing.NONE;
            if (headRequest && declared < 0 && knownLength >= 0 && status != 204 && status != 304) {
                out.add("content-length", Long.toString(knownLength));
            }
        } else if (declared >= 0) {
            framing = Framing.LENGTH;
        } else if (knownLength >= 0) {
            framing = Framing.LENGTH;
            declared = knownLength;
            out.add("content-length", Long.toString(knownLength));
        } else if (!http10) {
            framing = Framing.CHUNKED;
            out.add("transfer-encoding", "chunked");
        } else {
            framing = Framing.UNTIL_CLOSE;
            keepAlive = false;
        }
        if (!hasDate) {
            out.add("date", date);
        }
        if (!hasServer && !serverHeader.isEmpty()) {
            out.add("server", serverHeader);
        }
        if (!keepAlive) {
            out.add("connection", "close");
        } else if (http10) {
            out.add("connection", "keep-alive");
        }
        return Http1Writer.responseHead(status, out.build());
    }

    private static long parseLength(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("http.response.start: content-length '" + v.toLowerCase(Locale.ROOT)
                    + "' is not a non-negative integer");
        }
        return Long.parseLong(v);
    }
}
