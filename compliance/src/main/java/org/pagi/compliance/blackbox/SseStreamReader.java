package org.pagi.compliance.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.protocol.sse.SseLimitException;

/**
 * One event stream read off its own connection as it arrives: the response head and body through the kit's
 * client-role {@link Http1Parser}, the body decoded by {@link SseDecoder} as an {@code EventSource} reads it, each
 * event stamped with the {@link System#nanoTime()} of the socket read that completed it. Reading is lazy, so
 * several streams can be requested first and read afterwards. Comments are decoded and skipped: a browser never
 * shows them. Every read fails after the target's timeout with a {@link CaseFailed}.
 *
 * <p>Used from one thread.
 */
final class SseStreamReader implements AutoCloseable {
    /** What the connection did after the end of the body. */
    enum AfterEnd {
        /** The server closed it (FIN or reset) and sent nothing more. */
        CLOSED,
        /** It stayed open and quiet for the whole wait. */
        OPEN,
        /** More bytes came. */
        MORE_BYTES
    }

    /** One dispatched event and when it arrived. @param frame the event @param nanos its arrival */
    record Arrival(SseFrame frame, long nanos) {
    }

    /** How much of a stuck stream's body a failure shows: the last events, within the excerpt's limit. */
    private static final int TAIL_CHARS = 120;

    private final Target target;
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final Http1Parser parser = new Http1Parser(Http1Parser.Role.CLIENT,
            Http1Limits.defaults().withMaxBodyBytes(0));
    private final SseDecoder decoder = new SseDecoder();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ArrayDeque<Arrival> ready = new ArrayDeque<>();
    private Http1Event.Response head;
    private long headNanos;
    private long readNanos;
    private boolean ended;
    private boolean eof;

    private SseStreamReader(Target target, Socket socket, String method) throws IOException {
        this.target = target;
        this.socket = socket;
        this.in = socket.getInputStream();
        parser.expectResponseTo(method);
    }

    /** Connects and writes {@code request} (ISO-8859-1) as it is; nothing is read yet. */
    static SseStreamReader request(Target target, String request) throws IOException {
        Socket socket = target.connect();
        try {
            SseStreamReader reader = new SseStreamReader(target, socket, request.substring(0, request.indexOf(' ')));
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return reader;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** @return a {@code GET} of {@code path} that asks for an event stream, plus {@code extraHeaders} (CRLF-ended) */
    static String get(Target target, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + target.authority() + "\r\nAccept: text/event-stream\r\n"
                + extraHeaders + "\r\n";
    }

    /** @return the final response head, reading it if need be */
    Http1Event.Response head() throws IOException {
        while (head == null) {
            step("response head");
        }
        return head;
    }

    /** @return when the head arrived, in {@link System#nanoTime()} terms */
    long headNanos() throws IOException {
        head();
        return headNanos;
    }

    /** @return the next event, or empty once the body has ended */
    Optional<Arrival> next() throws IOException {
        while (ready.isEmpty() && !ended) {
            step("further event or end of the stream");
        }
        return Optional.ofNullable(ready.poll());
    }

    /** @return every event up to the end of the body */
    List<Arrival> rest() throws IOException {
        List<Arrival> out = new ArrayList<>();
        for (Optional<Arrival> a = next(); a.isPresent(); a = next()) {
            out.add(a.get());
        }
        return out;
    }

    /** @return the events up to the end of the body, without their arrival times */
    List<SseFrame> restFrames() throws IOException {
        return rest().stream().map(Arrival::frame).toList();
    }

    /** @return the de-chunked body bytes read so far */
    byte[] body() {
        return body.toByteArray();
    }

    /** @return what the connection does after the body ended, waiting at most {@code wait} */
    AfterEnd afterEnd(Duration wait) throws IOException {
        Expect.that(ended, "afterEnd() before the end of the body");
        if (parser.buffered() > 0) {
            return AfterEnd.MORE_BYTES;
        }
        if (eof) {
            return AfterEnd.CLOSED;
        }
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            return in.read(buffer) < 0 ? AfterEnd.CLOSED : AfterEnd.MORE_BYTES;
        } catch (SocketTimeoutException quiet) {
            return AfterEnd.OPEN;
        } catch (SocketException | SSLException reset) {
            return AfterEnd.CLOSED;
        } finally {
            socket.setSoTimeout((int) target.timeout().toMillis());
        }
    }

    private void step(String waitingFor) throws IOException {
        Http1Event event;
        try {
            event = parser.next();
        } catch (ProtocolException e) {
            throw new CaseFailed("the server wrote malformed HTTP: " + e.getMessage());
        }
        switch (event) {
            case Http1Event.Response r -> {
                if (r.status() >= 200) {
                    head = r;
                    headNanos = readNanos;
                }
            }
            case Http1Event.Data d -> {
                byte[] bytes = d.data().toByteArray();
                body.write(bytes, 0, bytes.length);
                decode(bytes);
            }
            case Http1Event.EndOfMessage end -> {
                if (head != null) {
                    ended = true;
                    decoder.end();
                }
            }
            case Http1Event.Paused p -> {
                if (!ended) {
                    parser.nextMessage(); // after a 1xx response: the final one follows
                }
            }
            case Http1Event.NeedData n -> read(waitingFor);
            case Http1Event.ConnectionClosed c -> throw new CaseFailed("the server closed the connection before "
                    + "the " + waitingFor + soFar());
            case Http1Event.Request r -> throw new IllegalStateException("a client parser read a request");
        }
    }

    private void decode(byte[] bytes) {
        try {
            decoder.feed(bytes);
        } catch (SseLimitException e) {
            throw new CaseFailed("the event stream broke a decoder limit: " + e.getMessage());
        }
        for (Optional<SseItem> item = decoder.next(); item.isPresent(); item = decoder.next()) {
            if (item.get() instanceof SseFrame frame) {
                ready.add(new Arrival(frame, readNanos));
            }
        }
    }

    private void read(String waitingFor) throws IOException {
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new CaseFailed("no " + waitingFor + " within " + target.timeout().toMillis() + " ms" + soFar());
        } catch (SocketException | SSLException reset) {
            n = -1;
        }
        readNanos = System.nanoTime();
        if (n < 0) {
            eof = true;
            parser.feedEof();
        } else {
            parser.feed(buffer, 0, n);
        }
    }

    /** @return the end of the body read so far, where a stuck stream shows what it last sent */
    private String soFar() {
        if (head == null) {
            return "";
        }
        String text = body.toString(StandardCharsets.UTF_8);
        int from = Math.max(0, text.length() - TAIL_CHARS);
        return "; the body so far" + (from > 0 ? " ends with " : " is ") + Expect.excerpt(text.substring(from));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
