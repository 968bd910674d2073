package org.pagi.wrappers.bridge;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.spec.Header;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpRequest;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.HttpOrder;
import org.pagi.spec.order.Verdict;
import org.pagi.spec.server.BodySources;
import org.pagi.spec.server.ConnectionTracker;

/**
 * One request of a {@link PagiHttpHandler}: {@code receive} reads the exchange's body one piece per call (at most
 * {@link #PIECE} bytes, only when asked: the JDK server stops reading the socket meanwhile), {@code send} is checked
 * by {@link HttpOrder} at once and written in order on a virtual thread, so a slow client holds back the stage the
 * application waits for. The head is held until the first body event, as a PAGI server may, so a failure before
 * any body still becomes a {@code 500}. A failed write is the client leaving: {@code pagi.connection} turns
 * disconnected ({@code write_error}), later sends are no-ops and {@code receive} answers {@code http.disconnect}.
 */
final class HandlerCall {
    /** The largest body piece one {@code receive} or one write handles. */
    static final int PIECE = 64 * 1024;

    private static final Executor IO = task -> Thread.ofVirtual().name("pagi-httphandler-io").start(task);

    private final HttpExchange exchange;
    private final ConnectionTracker tracker;
    private final HttpOrder order = new HttpOrder(true);
    private final boolean head;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final long requestLength;
    private long requestRead;
    private boolean bodyEnded;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private HttpResponseStart start;
    private OutputStream out;
    private long declared = -1;
    private long written;
    private boolean bodyless;
    private volatile boolean headWritten;

    HandlerCall(HttpExchange exchange, ConnectionTracker tracker) {
        this.exchange = exchange;
        this.tracker = tracker;
        this.head = exchange.getRequestMethod().equals("HEAD");
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long n = -1;
        try {
            n = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // the JDK server refuses such a request before a handler runs; chunked reading copes anyway
        }
        this.requestLength = n;
    }

    CompletionStage<Event> receive() {
        synchronized (this) {
            if (bodyEnded || !tracker.isConnected()) {
                return ended.thenApply(v -> {
                    HttpDisconnect d = new HttpDisconnect();
                    order.received(d);
                    return d;
                });
            }
        }
        return CompletableFuture.supplyAsync(this::readPiece, IO);
    }

    private Event readPiece() {
        byte[] buf = new byte[(int) Math.min(PIECE, requestLength < 0 ? PIECE : Math.max(1, requestLength - requestRead))];
        try {
            InputStream in = exchange.getRequestBody();
            int n = requestLength == requestRead ? -1 : in.read(buf);
            HttpRequest piece;
            synchronized (this) {
                if (n < 0) {
                    bodyEnded = true;
                    piece = HttpRequest.last(Bytes.empty());
                } else {
                    requestRead += n;
                    bodyEnded = requestRead == requestLength;
                    piece = new HttpRequest(Bytes.of(buf, 0, n), !bodyEnded);
                }
            }
            order.received(piece);
            return piece;
        } catch (IOException e) {
            lost(DisconnectReason.READ_ERROR);
            HttpDisconnect d = new HttpDisconnect();
            order.received(d);
            return d;
        }
    }

    synchronized CompletionStage<Void> send(Event event) {
        Verdict verdict;
        try {
            verdict = order.send(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (verdict == Verdict.IGNORE) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> next = tail.thenRunAsync(() -> write(event), IO);
        tail = next.exceptionally(x -> null);
        return next;
    }

    /**
     * Ends the exchange once the application's stage completed: a complete response is closed, one that never
     * got its head is answered {@code 500}, anything else is cut.
     *
     * @throws IOException to make the JDK server close the connection instead of ending a truncated body cleanly
     */
    void finish() throws IOException {
        tail.join();
        Ending ending = order.finish();
        if (ending == Ending.COMPLETE) {
            exchange.close();
            return;
        }
        if (!headWritten && tracker.isConnected()) {
            tracker.markResponseStarted();
            lost(DisconnectReason.SERVER_ERROR);
            byte[] text = "Internal Server Error".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(500, head ? -1 : text.length);
            try (OutputStream o = exchange.getResponseBody()) {
                if (!head) {
                    o.write(text);
                }
            }
            exchange.close();
            return;
        }
        lost(DisconnectReason.SERVER_ERROR);
        throw new IOException("the response was cut: the application ended it " + ending);
    }

    /** @return whether the response head reached the exchange */
    boolean headWritten() {
        return headWritten;
    }

    private void write(Event event) {
        if (!tracker.isConnected()) {
            return;
        }
        try {
            switch (event) {
                case HttpResponseStart s -> start = s;
                case HttpResponseBody b -> {
                    openBody(b.more() ? -1 : b.body().length());
                    body(b.body().toByteArray(), b.body().length());
                    if (!b.more()) {
                        endBody();
                    }
                }
                case HttpResponseFile f -> {
                    try (SeekableByteChannel ch = BodySources.open(f)) {
                        channel(ch, f.offset(), f.length());
                    }
                }
                case HttpResponseChannel c -> channel(c.channel(), c.offset(), c.length());
                case HttpResponseTrailers t -> endBody(); // the JDK server cannot send trailers: they are dropped
                case HttpFullFlush f -> out.flush();
                default -> throw new IllegalArgumentException("http: cannot send " + event.type());
            }
        } catch (IOException e) {
            lost(DisconnectReason.WRITE_ERROR);
        }
    }

    private void channel(SeekableByteChannel ch, long offset, OptionalLong length) throws IOException {
        if (!ch.isOpen()) {
            throw new IllegalArgumentException("http.response.body: the channel is closed");
        }
        long size = ch.size();
        long from = Math.min(offset, size);
        long n = Math.min(size - from, length.orElse(Long.MAX_VALUE));
        openBody(n);
        ch.position(from);
        ByteBuffer buf = ByteBuffer.allocate(PIECE);
        long left = n;
        while (left > 0) {
            buf.clear().limit((int) Math.min(PIECE, left));
            int r = ch.read(buf);
            if (r < 0) {
                throw new UncheckedIOException(new IOException("the file ended " + left + " bytes early"));
            }
            body(buf.array(), r);
            left -= r;
        }
        endBody();
    }

    private void openBody(long knownLength) throws IOException {
        if (headWritten) {
            return;
        }
        int status = start.status();
        bodyless = head || status == 204 || status == 304;
        var headers = exchange.getResponseHeaders();
        for (Header h : start.headers()) {
            switch (h.name()) {
                case "transfer-encoding", "connection", "keep-alive" -> {
                    // framing and the connection belong to the server, as the spec says
                }
                case "content-length" -> {
                    declared = Long.parseLong(h.text().trim());
                    if (bodyless && status != 204) {
                        headers.add(h.name(), h.text()); // HEAD and 304 announce what a GET would get
                    }
                }
                default -> headers.add(h.name(), h.text());
            }
        }
        long length;
        if (bodyless) {
            if (head && declared < 0 && knownLength >= 0 && status != 204 && status != 304) {
                headers.set("Content-Length", Long.toString(knownLength));
            }
            length = -1;
        } else if (declared >= 0) {
            length = declared == 0 ? -1 : declared;
        } else {
            length = knownLength == 0 ? -1 : Math.max(0, knownLength);
        }
        tracker.markResponseStarted();
        exchange.sendResponseHeaders(status, length);
        headWritten = true;
        out = exchange.getResponseBody();
        written = 0;
    }

    private void body(byte[] bytes, int n) throws IOException {
        if (n == 0) {
            return;
        }
        if (bodyless) {
            return; // HEAD, 204, 304: the body is not written
        }
        if (declared >= 0 && written + n > declared) {
            throw new IllegalStateException("the response body exceeds its content-length of " + declared);
        }
        written += n;
        out.write(bytes, 0, n);
        out.flush();
    }

    private void endBody() throws IOException {
        if (!bodyless && declared >= 0 && written < declared) {
            throw new IllegalStateException("the response body ended after " + written
                    + " bytes, short of its content-length of " + declared);
        }
        out.close();
        tracker.markResponseComplete();
        ended.complete(null);
    }

    private void lost(DisconnectReason reason) {
        if (tracker.disconnect(reason)) {
            order.peerDisconnected();
        }
        ended.complete(null);
    }
}
