package org.pagi.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one Server-Sent Events stream the way a browser's {@code EventSource} does (WHATWG HTML 9.2.6,
 * "Interpreting an event stream"): bytes in ({@link #feed}), {@link SseItem}s out ({@link #next}). For test
 * clients and the compliance suite; servers only encode ({@link SseEncoder}). No sockets, threads, clocks or
 * logging, and no reconnection: that is the client's business, helped by {@link #lastEventId()} and
 * {@link #reconnectionTime()}.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   bytes --LineSplitter--> lines --field rules--> buffers (data, event type, id, retry)
 *                                \--":..."-------> SseCommentLine (queued at once)
 *   empty line --> dispatch: data buffer non-empty? --yes--> SseFrame (queued); always reset the block's buffers
 *   end()      --> the incomplete line and block are discarded
 * </pre>
 * {@link #feed} does all the work, so the buffered bytes never exceed one line; items wait in a queue until
 * {@link #next} or {@link #drain} takes them. Items come in the order their last line completed, so a comment
 * inside an event's block comes before that event. Malformed UTF-8 becomes U+FFFD, as the spec's UTF-8 decode
 * does; the only failures are the limits below.
 *
 * <p>The tricky case is a block without data: a browser dispatches nothing for it (the data buffer is empty), yet
 * its {@code id:} still becomes the last event ID and its {@code retry:} the reconnection time. So does this
 * decoder: no item, but {@link #lastEventId()} and {@link #reconnectionTime()} change.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>name</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>maxLineBytes</td><td>1 MiB</td><td>{@link SseLimitException}; the decoder is unusable</td></tr>
 *   <tr><td>maxEventBytes</td><td>16 MiB</td><td>{@link SseLimitException}; the decoder is unusable</td></tr>
 * </table>
 * Browsers set no limit, which lets a hostile server grow a client's memory without bound. 1 MiB per line holds
 * any real single-line payload (a large JSON document) yet fails fast on a stream that never sends a line
 * break; Go clients built on {@code bufio.Scanner} stop at 64 KiB unless raised, which LLM-streaming clients
 * routinely do. {@code maxEventBytes} bounds the data buffer, which grows with every {@code data:} line of a block
 * that never ends: the bytes of the data values plus one per line; 16 MiB is sixteen full lines.
 *
 * <p>Not thread-safe: one decoder per stream, driven by one reader.
 */
public final class SseDecoder {
    /** Default {@code maxLineBytes}: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    /** Default {@code maxEventBytes}: 16 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private enum State { OPEN, ENDED, FAILED }

    private final int maxEventBytes;
    private final LineSplitter lines;
    private final LineSplitter.Sink sink = this::line;
    private final ArrayDeque<SseItem> ready = new ArrayDeque<>();
    private State state = State.OPEN;

    // The block being read: 9.2.6's data and event type buffers, plus this block's own id and retry fields.
    private final StringBuilder data = new StringBuilder();
    private long dataBytes;
    private String eventType = "";
    private Optional<String> blockId = Optional.empty();
    private OptionalLong blockRetry = OptionalLong.empty();

    // 9.2.6 keeps the last event ID buffer across blocks; the EventSource's own last event ID string is set from
    // it only at dispatch, so a reconnect mid-block sends the previous value.
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private OptionalLong reconnectionTime = OptionalLong.empty();

    /** A decoder with the default limits. */
    public SseDecoder() {
        this(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxLineBytes the longest line, terminator excluded; 1 or more */
    public SseDecoder(int maxLineBytes) {
        this(maxLineBytes, DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * @param maxLineBytes  the longest line, terminator excluded; 1 or more
     * @param maxEventBytes the largest data buffer of one block (data values plus one byte per line); 1 or more
     */
    public SseDecoder(int maxLineBytes, int maxEventBytes) {
        positive("maxLineBytes", maxLineBytes);
        positive("maxEventBytes", maxEventBytes);
        this.maxEventBytes = maxEventBytes;
        this.lines = new LineSplitter(maxLineBytes);
    }

    /**
     * Reads the next bytes of the stream; {@code bytes} is consumed.
     *
     * @throws SseLimitException    if a limit is crossed; items decoded before it stay available from {@link #next}
     * @throws IllegalStateException after {@link #end()} or an earlier failure
     */
    public void feed(ByteBuffer bytes) throws SseLimitException {
        if (bytes.hasArray()) {
            int start = bytes.arrayOffset() + bytes.position();
            int count = bytes.remaining();
            bytes.position(bytes.limit());
            feed(bytes.array(), start, count);
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            feed(copy, 0, copy.length);
        }
    }

    /** Reads the next bytes of the stream, as {@link #feed(ByteBuffer)}. */
    public void feed(byte[] bytes) throws SseLimitException {
        feed(bytes, 0, bytes.length);
    }

    /** Reads {@code count} bytes from {@code offset}, as {@link #feed(ByteBuffer)}. */
    public void feed(byte[] bytes, int offset, int count) throws SseLimitException {
        if (state != State.OPEN) {
            throw new IllegalStateException(state == State.ENDED ? "feed after end() of the SSE stream"
                    : "feed after the SSE decoder failed on a limit");
        }
        try {
            lines.feed(bytes, offset, count, sink);
        } catch (SseLimitException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * The stream ended. An incomplete line or block is discarded, not dispatched (9.2.6: "If the file ends in the
     * middle of an event, before the final empty line, the incomplete event is not dispatched"). Items already
     * decoded stay available. A second call does nothing.
     */
    public void end() {
        lines.discard();
        resetBlock();
        if (state == State.OPEN) {
            state = State.ENDED;
        }
    }

    /** @return the next decoded item, or empty until more bytes complete one */
    public Optional<SseItem> next() {
        return Optional.ofNullable(ready.poll());
    }

    /** @return every item decoded so far and not yet taken, in order */
    public List<SseItem> drain() {
        List<SseItem> out = new ArrayList<>(ready);
        ready.clear();
        return List.copyOf(out);
    }

    /**
     * @return the last event ID as of the last dispatch: what an {@code EventSource} would send as
     *         {@code Last-Event-ID} on reconnecting (nothing when empty)
     */
    public String lastEventId() {
        return lastEventId;
    }

    /** @return the reconnection time in milliseconds from the last valid {@code retry:} field; empty if none */
    public OptionalLong reconnectionTime() {
        return reconnectionTime;
    }

    private void line(byte[] b, int from, int to) throws SseLimitException {
        if (from == to) {
            dispatch();
            return;
        }
        if (b[from] == ':') {
            ready.add(new SseCommentLine(utf8(b, from + 1, to)));
            return;
        }
        int colon = from;
        while (colon < to && b[colon] != ':') {
            colon++;
        }
        // 9.2.6: a line without a colon is a field name with an empty value; one space after the colon is dropped.
        int valueFrom = Math.min(colon + 1, to);
        if (valueFrom < to && b[valueFrom] == ' ') {
            valueFrom++;
        }
        field(b, from, colon, valueFrom, to);
    }

    private void field(byte[] b, int nameFrom, int nameTo, int valueFrom, int valueTo) throws SseLimitException {
        if (is("data", b, nameFrom, nameTo)) {
            dataBytes += valueTo - valueFrom + 1L;
            if (dataBytes > maxEventBytes) {
                throw new SseLimitException("maxEventBytes", maxEventBytes,
                        "line " + lines.lineNumber() + " takes the data of its event block too far");
            }
            data.append(utf8(b, valueFrom, valueTo)).append('\n');
        } else if (is("event", b, nameFrom, nameTo)) {
            eventType = utf8(b, valueFrom, valueTo);
        } else if (is("id", b, nameFrom, nameTo)) {
            // 9.2.6: "If the field value does not contain U+0000 NULL, then set the last event ID buffer".
            if (indexOf(b, valueFrom, valueTo, (byte) 0) < 0) {
                lastEventIdBuffer = utf8(b, valueFrom, valueTo);
                blockId = Optional.of(lastEventIdBuffer);
            }
        } else if (is("retry", b, nameFrom, nameTo)) {
            retry(b, valueFrom, valueTo);
        }
        // 9.2.6: any other field is ignored.
    }

    /** 9.2.6: "If the field value consists of only ASCII digits", it sets the reconnection time; else ignored. */
    private void retry(byte[] b, int from, int to) {
        if (from == to) {
            return;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            // The spec has no upper bound; a value past Long.MAX_VALUE cannot be represented, so it is ignored.
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return;
            }
            value = value * 10 + digit;
        }
        reconnectionTime = OptionalLong.of(value);
        blockRetry = reconnectionTime;
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        // 9.2.6 dispatch, step 2: an empty data buffer fires nothing (a block of only id, retry or event fields).
        if (!data.isEmpty()) {
            data.setLength(data.length() - 1); // step 3: drop the LF that ended the last data line
            String type = eventType.isEmpty() ? SseFrame.DEFAULT_EVENT : eventType;
            ready.add(new SseFrame(type, data.toString(), blockId, lastEventId, blockRetry));
        }
        resetBlock();
    }

    private void resetBlock() {
        data.setLength(0);
        dataBytes = 0;
        eventType = "";
        blockId = Optional.empty();
        blockRetry = OptionalLong.empty();
    }

    private static boolean is(String name, byte[] b, int from, int to) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (b[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] b, int from, int to) {
        // new String replaces malformed sequences with U+FFFD, as the spec's "UTF-8 decode" does.
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
    }
}
