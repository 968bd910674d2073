package org.pagi.protocol.http1;

import org.pagi.protocol.bytes.ReadBuffer;
import java.nio.ByteBuffer;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.server.RequestHead;

/**
 * The sans-IO HTTP/1.1 parser: bytes in ({@link #feed}), events out ({@link #next}). No sockets, threads,
 * clocks or logging, so the server, the test client's wire mode and the compliance suite run the same code.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   START_LINE --head--> HEADERS --empty line--> (framing decides)
 *        ^                                         |-- no body ---------------------------> PAUSED
 *        |                                         |-- Content-Length n --> LENGTH --------> PAUSED
 *        |                                         |-- chunked --> CHUNK_SIZE <-> CHUNK_DATA -> CHUNK_CRLF
 *        |                                         |                   \--0--> TRAILERS ----> PAUSED
 *        |                                         \-- until close (responses) --> UNTIL_CLOSE -> PAUSED
 *        +------------------- nextMessage() -------------------------------------------- PAUSED
 * </pre>
 * The role chooses the start line: a request line for {@link Role#SERVER}, a status line for
 * {@link Role#CLIENT}. After each message the parser pauses, so a server answers pipelined requests strictly
 * in order: it calls {@link #nextMessage()} only when the previous response is done. Body bytes are handed out
 * as they arrive, never buffered whole. Any violation throws a {@link ProtocolException} naming the rule and
 * the status to answer; after one, the parser is unusable (the connection must close).
 *
 * <p>Not thread-safe: one parser per connection, driven by the connection's owner.
 *
 * <p>The file is long on purpose: one method per state of the diagram above, kept together like h11's
 * {@code _readers.py}; the field and framing rules live in {@code FieldLines} and {@code Framing}.
 */
public final class Http1Parser {
    /** Which side of the connection this parser reads. */
    public enum Role {
        /** Reads requests. */
        SERVER,
        /** Reads responses. */
        CLIENT
    }

    private enum State { START_LINE, HEADERS, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS, UNTIL_CLOSE,
        END, PAUSED, CLOSED, FAILED }

    /** RFC 9112 section 2.2: "SHOULD ignore at least one empty line (CRLF) received prior to the request-line". */
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    /**
     * Reads at least this long have their head parsed at {@link #feed} (see {@code headAhead}); in a shorter one the
     * few body bytes cost less to buffer behind the head than the extra scan for the head's end (a small GET).
     */
    static final int HEAD_AHEAD_MIN_BYTES = 8 * 1024;

    private static final Http1Event NEED_DATA = new Http1Event.NeedData();
    private static final Http1Event PAUSED = new Http1Event.Paused();
    private static final Http1Event CLOSED = new Http1Event.ConnectionClosed();

    private final Role role;
    private final Http1Limits limits;
    private final ReadBuffer in = new ReadBuffer();
    private State state = State.START_LINE;
    private boolean eof;
    private int scanFrom;

    // The message being parsed.
    private String method;
    private Bytes target;
    private String version;
    private int status;
    private String reason;
    private FieldLines fields;
    private long remaining;
    private Bytes early;
    /** Server role: a head parsed at {@link #feed}, returned by the next {@link #next()}, or how it failed. */
    private Http1Event ahead;
    private ProtocolException aheadFailure;
    private long bodyTotal;
    private String requestMethod = "GET";

    /** @return a parser for {@code role} with {@code limits} */
    public Http1Parser(Role role, Http1Limits limits) {
        this.role = role;
        this.limits = limits;
    }

    /** Appends bytes read from the peer; {@code data} is consumed. */
    public void feed(ByteBuffer data) {
        if (role == Role.SERVER && ahead == null && aheadFailure == null && early == null
                && data.remaining() >= HEAD_AHEAD_MIN_BYTES && (state == State.START_LINE || state == State.HEADERS)) {
            headAhead(data);
        }
        if (early == null && in.available() == 0 && remaining > 0 && (state == State.LENGTH
                || state == State.CHUNK_DATA)) {
            // Body bytes with nothing buffered before them become the next Data event straight from the
            // caller's buffer: one copy instead of two (into the input buffer, then out of it).
            int n = (int) Math.min(remaining, data.remaining());
            if (n > 0) {
                early = Bytes.of(data.slice(data.position(), n));
                data.position(data.position() + n);
            }
        }
        in.append(data);
    }

    /**
     * Buffers {@code data} up to the end of the header section it holds, if any, and parses the head now: its framing
     * then decides whether the bytes after it are body, which {@link #feed} takes in one copy instead of buffering
     * them behind the head (a 64 KiB upload that arrives with its head in one read would otherwise be copied twice
     * and grow the input buffer each time). A failure is kept for {@link #next()}, where it would have been found.
     */
    private void headAhead(ByteBuffer data) {
        // Past the largest head the limits allow, the bytes are buffered as usual and next() names the limit.
        int end = headerSectionEnd(data, (int) Math.min(Integer.MAX_VALUE,
                (long) limits.maxRequestLineBytes() + limits.maxHeaderBytes() + 2L * MAX_LEADING_EMPTY_LINES + 4));
        if (end < 0) {
            return;
        }
        in.append(data.duplicate().limit(end));
        data.position(end);
        try {
            Http1Event e = step();
            ahead = e == NEED_DATA ? null : e; // empty lines before a request line end nothing: parse on as usual
        } catch (ProtocolException e) {
            aheadFailure = e;
        }
    }

    /**
     * @return the index just after the first empty line (LF LF or LF CR LF) among the first {@code max} bytes of
     *         {@code data}, or -1. A header section split between two reads may end before {@code data}; then a
     *         later match (in the body) only means that some body bytes are buffered, as they were before.
     */
    private static int headerSectionEnd(ByteBuffer data, int max) {
        int to = data.position() + Math.min(data.remaining(), max);
        for (int i = data.position(); i < to - 1; i++) {
            if (data.get(i) == '\n') {
                byte b = data.get(i + 1);
                if (b == '\n') {
                    return i + 2;
                }
                if (b == '\r' && i + 2 < to && data.get(i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** @return the body piece taken at {@link #feed}, moving to {@code after} when it ends the body or chunk */
    private Http1Event takeEarly(State after) {
        Bytes data = early;
        early = null;
        remaining -= data.length();
        if (remaining == 0) {
            state = after;
        }
        return new Http1Event.Data(data);
    }

    /** Appends bytes read from the peer. */
    public void feed(byte[] data, int offset, int length) {
        in.append(data, offset, length);
    }

    /** Records that the peer closed its side: no more bytes will come. */
    public void feedEof() {
        eof = true;
    }

    /** Client role: the method of the request the next response answers (HEAD responses have no body). */
    public void expectResponseTo(String requestMethod) {
        this.requestMethod = requestMethod;
    }

    /** Leaves {@link Http1Event.Paused}: parse the next message (the next pipelined request). */
    public void nextMessage() {
        if (state != State.PAUSED) {
            throw new IllegalStateException("nextMessage() only after a message ended, not in state " + state);
        }
        state = State.START_LINE;
    }

    /**
     * Takes the bytes buffered after the last message: after a protocol switch (a WebSocket upgrade), they
     * belong to the new protocol, not to HTTP. The parser stays paused.
     *
     * @return a copy of the unparsed bytes, which the parser no longer holds
     */
    public ByteBuffer takeBuffered() {
        int n = in.available();
        byte[] copy = java.util.Arrays.copyOfRange(in.array(), in.readPos(), in.readPos() + n);
        in.skip(n);
        return ByteBuffer.wrap(copy);
    }

    /** Releases the input buffer's spare room when nothing is buffered (see {@link ReadBuffer#releaseIfDrained}). */
    public void releaseDrainedInput() {
        in.releaseIfDrained();
    }

    /** @return the bytes the input buffer holds on to, used or not */
    public int inputCapacity() {
        return in.capacity();
    }

    /** @return how many unparsed bytes are buffered */
    public int buffered() {
        return in.available() + (early == null ? 0 : early.length());
    }

    /**
     * @return the next event: a head, body data, end of message, or a signal (need data, paused, closed)
     * @throws ProtocolException when the peer broke the protocol; the connection must then close
     */
    public Http1Event next() throws ProtocolException {
        if (aheadFailure != null) {
            ProtocolException e = aheadFailure;
            aheadFailure = null;
            state = State.FAILED;
            throw e;
        }
        if (ahead != null) {
            Http1Event e = ahead;
            ahead = null;
            return e;
        }
        try {
            return step();
        } catch (ProtocolException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private Http1Event step() throws ProtocolException {
        while (true) {
            switch (state) {
                case START_LINE -> {
                    Http1Event e = startLine();
                    if (e != null) {
                        return e;
                    }
                }
                case HEADERS -> {
                    Http1Event e = headerLines();
                    if (e != null) {
                        return e;
                    }
                }
                case LENGTH -> {
                    return lengthBody();
                }
                case CHUNK_SIZE -> {
                    Http1Event e = chunkSize();
                    if (e != null) {
                        return e;
                    }
                }
                case CHUNK_DATA -> {
                    return chunkData();
                }
                case CHUNK_CRLF -> {
                    Http1Event e = chunkCrlf();
                    if (e != null) {
                        return e;
                    }
                }
                case TRAILERS -> {
                    return trailers();
                }
                case UNTIL_CLOSE -> {
                    return untilClose();
                }
                case END -> {
                    // An informational (1xx) response is followed by the final one: no pause in between.
                    state = role == Role.CLIENT && status < 200 ? State.START_LINE : State.PAUSED;
                    return new Http1Event.EndOfMessage(Headers.empty());
                }
                case PAUSED -> {
                    return PAUSED;
                }
                case CLOSED -> {
                    return CLOSED;
                }
                case FAILED -> throw new IllegalStateException("the parser failed earlier; the connection must close");
            }
        }
    }

    private Http1Event startLine() throws ProtocolException {
        int skipped = 0;
        while (in.available() > 0 && (in.at(in.readPos()) == '\n'
                || in.at(in.readPos()) == '\r' && in.available() > 1 && in.at(in.readPos() + 1) == '\n')) {
            in.skip(in.at(in.readPos()) == '\n' ? 1 : 2);
            if (++skipped > MAX_LEADING_EMPTY_LINES) {
                throw new ProtocolException(Violation.MALFORMED_REQUEST_LINE, "too many empty lines before the start line");
            }
        }
        int lf = in.indexOfLf(scanFrom);
        if (lf < 0) {
            if (in.available() == 0 && eof) {
                state = State.CLOSED;
                return CLOSED;
            }
            if (in.available() > limits.maxRequestLineBytes() + 1) {
                throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG,
                        "start line exceeds " + limits.maxRequestLineBytes() + " bytes");
            }
            if (eof) {
                throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed inside the start line");
            }
            scanFrom = in.readPos() + in.available();
            return NEED_DATA;
        }
        scanFrom = 0;
        byte[] b = in.array();
        int start = in.readPos();
        int end = Lines.contentEnd(b, start, lf);
        if (end - start > limits.maxRequestLineBytes()) {
            throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG,
                    "start line is " + (end - start) + " bytes, over " + limits.maxRequestLineBytes());
        }
        if (role == Role.SERVER) {
            requestLine(b, start, end);
        } else {
            statusLine(b, start, end);
        }
        in.skipTo(lf + 1);
        fields = new FieldLines(limits.maxHeaderBytes(), limits.maxHeaderCount());
        state = State.HEADERS;
        return null;
    }

    private void requestLine(byte[] b, int start, int end) throws ProtocolException {
        int sp1 = indexOf(b, start, end, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, end, (byte) ' ');
        if (sp1 <= start || sp2 < 0 || sp2 == sp1 + 1 || indexOf(b, sp2 + 1, end, (byte) ' ') >= 0) {
            throw new ProtocolException(Violation.MALFORMED_REQUEST_LINE,
                    "expected three parts separated by single spaces");
        }
        for (int i = start; i < sp1; i++) {
            if (!Lines.isTokenChar(b[i])) {
                throw new ProtocolException(Violation.INVALID_METHOD, "byte " + Lines.hex(b[i]) + " at offset " + (i - start));
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = b[i] & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                throw new ProtocolException(Violation.INVALID_TARGET, "byte " + Lines.hex(b[i]) + " at offset " + (i - start));
            }
        }
        method = Lines.ascii(b, start, sp1);
        target = Bytes.of(b, sp1 + 1, sp2 - sp1 - 1);
        version = version(b, sp2 + 1, end);
    }

    private void statusLine(byte[] b, int start, int end) throws ProtocolException {
        int sp1 = indexOf(b, start, end, (byte) ' ');
        if (sp1 < 0 || end - sp1 < 4) {
            throw new ProtocolException(Violation.MALFORMED_STATUS_LINE, "no status code");
        }
        version = version(b, start, sp1);
        int code = 0;
        for (int i = sp1 + 1; i < sp1 + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw new ProtocolException(Violation.MALFORMED_STATUS_LINE, "status code is not three digits");
            }
            code = code * 10 + (b[i] - '0');
        }
        if (sp1 + 4 < end && b[sp1 + 4] != ' ') {
            throw new ProtocolException(Violation.MALFORMED_STATUS_LINE, "status code is not three digits");
        }
        status = code;
        reason = sp1 + 5 <= end ? Lines.ascii(b, sp1 + 5, end) : "";
    }

    private static String version(byte[] b, int from, int to) throws ProtocolException {
        if (to - from != 8 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P'
                || b[from + 4] != '/' || !isDigit(b[from + 5]) || b[from + 6] != '.' || !isDigit(b[from + 7])) {
            throw new ProtocolException(Violation.MALFORMED_VERSION, "the version is not HTTP/DIGIT.DIGIT");
        }
        if (b[from + 5] == '1') {
            // RFC 9110 section 2.5: a higher minor version of a major version we implement is processed as the
            // highest minor version we support; 505 is for an unsupported major version only (section 15.6.6).
            return b[from + 7] == '0' ? "1.0" : "1.1";
        }
        throw new ProtocolException(Violation.UNSUPPORTED_VERSION,
                "HTTP/" + (char) b[from + 5] + "." + (char) b[from + 7] + " is not supported");
    }

    private Http1Event headerLines() throws ProtocolException {
        while (true) {
            int lf = in.indexOfLf(scanFrom);
            if (lf < 0) {
                fields.checkPending(in.available());
                if (eof) {
                    throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed inside the header section");
                }
                scanFrom = in.readPos() + in.available();
                return NEED_DATA;
            }
            scanFrom = 0;
            boolean done = fields.add(in.array(), in.readPos(), lf);
            in.skipTo(lf + 1);
            if (done) {
                return headComplete(fields.headers());
            }
        }
    }

    private Http1Event headComplete(Headers headers) throws ProtocolException {
        BodyFraming framing = Framing.of(role, version, headers, role == Role.CLIENT ? status : 0, requestMethod);
        boolean keepAlive = Framing.keepAlive(version, headers) && !(framing instanceof BodyFraming.UntilClose);
        bodyTotal = 0;
        Http1Event head;
        if (role == Role.SERVER) {
            Framing.checkHost(version, headers);
            if (framing instanceof BodyFraming.Length len && limits.maxBodyBytes() > 0
                    && len.length() > limits.maxBodyBytes()) {
                throw new ProtocolException(Violation.BODY_TOO_LARGE, "Content-Length " + len.length()
                        + " exceeds " + limits.maxBodyBytes() + " bytes");
            }
            boolean expect = version.equals("1.1") && headers.first("expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
            head = new Http1Event.Request(new RequestHead(method, target, version, headers), keepAlive, expect, framing);
        } else {
            head = new Http1Event.Response(version, status, reason, headers, keepAlive);
        }
        switch (framing) {
            case BodyFraming.None n -> state = State.END;
            case BodyFraming.Length len -> {
                remaining = len.length();
                state = remaining == 0 ? State.END : State.LENGTH;
            }
            case BodyFraming.Chunked c -> state = State.CHUNK_SIZE;
            case BodyFraming.UntilClose u -> state = State.UNTIL_CLOSE;
        }
        return head;
    }

    private Http1Event lengthBody() throws ProtocolException {
        if (early != null) {
            return takeEarly(State.END);
        }
        if (in.available() == 0) {
            if (eof) {
                throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, remaining + " body bytes still expected");
            }
            return NEED_DATA;
        }
        int n = (int) Math.min(remaining, in.available());
        Bytes data = Bytes.of(in.array(), in.readPos(), n);
        in.skip(n);
        remaining -= n;
        if (remaining == 0) {
            state = State.END;
        }
        return new Http1Event.Data(data);
    }

    private Http1Event chunkSize() throws ProtocolException {
        int lf = in.indexOfLf(in.readPos());
        if (lf < 0) {
            if (in.available() > limits.maxChunkLineBytes()) {
                throw new ProtocolException(Violation.CHUNK_LINE_TOO_LONG, "chunk-size line exceeds "
                        + limits.maxChunkLineBytes() + " bytes");
            }
            if (eof) {
                throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed inside a chunk-size line");
            }
            return NEED_DATA;
        }
        byte[] b = in.array();
        int start = in.readPos();
        if (lf - start > limits.maxChunkLineBytes()) {
            throw new ProtocolException(Violation.CHUNK_LINE_TOO_LONG, "chunk-size line exceeds "
                    + limits.maxChunkLineBytes() + " bytes");
        }
        requireCrlf(b, start, lf, "a chunk-size line");
        int end = Lines.contentEnd(b, start, lf);
        long size = 0;
        int i = start;
        while (i < end && Character.digit(b[i], 16) >= 0) {
            if (i - start == 15) {
                throw new ProtocolException(Violation.INVALID_CHUNK_SIZE, "chunk size has more than 15 hex digits");
            }
            size = size * 16 + Character.digit(b[i], 16);
            i++;
        }
        if (i == start) {
            throw new ProtocolException(Violation.INVALID_CHUNK_SIZE, start == end ? "empty chunk-size line"
                    : "chunk size starts with byte " + Lines.hex(b[start]));
        }
        int j = i;
        while (j < end && (b[j] == ' ' || b[j] == '\t')) {
            j++;
        }
        if (j < end && b[j] != ';') {
            throw new ProtocolException(Violation.INVALID_CHUNK_SIZE, "byte " + Lines.hex(b[j]) + " after the chunk size");
        }
        for (int k = j; k < end; k++) {
            int c = b[k] & 0xFF;
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new ProtocolException(Violation.INVALID_CHUNK_EXTENSION, "byte " + Lines.hex(b[k])
                        + " at offset " + (k - start) + " of a chunk-size line");
            }
        }
        in.skipTo(lf + 1);
        if (size == 0) {
            fields = new FieldLines(limits.maxHeaderBytes(), limits.maxHeaderCount());
            state = State.TRAILERS;
            return null;
        }
        bodyTotal += size;
        if (role == Role.SERVER && limits.maxBodyBytes() > 0 && bodyTotal > limits.maxBodyBytes()) {
            throw new ProtocolException(Violation.BODY_TOO_LARGE, "chunked body exceeds " + limits.maxBodyBytes() + " bytes");
        }
        remaining = size;
        state = State.CHUNK_DATA;
        return null;
    }

    private Http1Event chunkData() throws ProtocolException {
        if (early != null) {
            return takeEarly(State.CHUNK_CRLF);
        }
        if (in.available() == 0) {
            if (eof) {
                throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed inside a chunk");
            }
            return NEED_DATA;
        }
        int n = (int) Math.min(remaining, in.available());
        Bytes data = Bytes.of(in.array(), in.readPos(), n);
        in.skip(n);
        remaining -= n;
        if (remaining == 0) {
            state = State.CHUNK_CRLF;
        }
        return new Http1Event.Data(data);
    }

    private Http1Event chunkCrlf() throws ProtocolException {
        if (in.available() == 0 || in.at(in.readPos()) == '\r' && in.available() < 2) {
            if (eof) {
                throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed after chunk data");
            }
            return NEED_DATA;
        }
        byte first = in.at(in.readPos());
        if (first == '\n') {
            throw new ProtocolException(Violation.BARE_LF_IN_CHUNKED_BODY, "bare LF after chunk data");
        } else if (first == '\r' && in.at(in.readPos() + 1) == '\n') {
            in.skip(2);
        } else {
            throw new ProtocolException(Violation.MISSING_CHUNK_CRLF, "byte " + Lines.hex(first) + " after chunk data");
        }
        state = State.CHUNK_SIZE;
        return null;
    }

    private Http1Event trailers() throws ProtocolException {
        while (true) {
            int lf = in.indexOfLf(in.readPos());
            if (lf < 0) {
                fields.checkPending(in.available());
                if (eof) {
                    throw new ProtocolException(Violation.INCOMPLETE_MESSAGE, "connection closed inside the trailers");
                }
                return NEED_DATA;
            }
            requireCrlf(in.array(), in.readPos(), lf, "a trailer line");
            boolean done = fields.add(in.array(), in.readPos(), lf);
            in.skipTo(lf + 1);
            if (done) {
                state = State.PAUSED;
                return new Http1Event.EndOfMessage(fields.headers());
            }
        }
    }

    /**
     * Inside a chunked body a bare LF is no line ending: a peer that splits lines only at CRLF would read the
     * chunk sizes, and so the message boundary, differently.
     */
    private static void requireCrlf(byte[] b, int start, int lf, String what) throws ProtocolException {
        if (lf == start || b[lf - 1] != '\r') {
            throw new ProtocolException(Violation.BARE_LF_IN_CHUNKED_BODY, what + " ends in a bare LF");
        }
    }

    private Http1Event untilClose() {
        if (in.available() > 0) {
            Bytes data = Bytes.of(in.array(), in.readPos(), in.available());
            in.skip(in.available());
            return new Http1Event.Data(data);
        }
        if (eof) {
            state = State.CLOSED;
            return new Http1Event.EndOfMessage(Headers.empty());
        }
        return NEED_DATA;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
