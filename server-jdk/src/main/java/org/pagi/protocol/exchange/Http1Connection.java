package org.pagi.protocol.exchange;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.CompletableFuture;
import org.pagi.protocol.http1.BodyFraming;
import org.pagi.protocol.http1.Http1Event;
import org.pagi.protocol.http1.Http1Parser;
import org.pagi.protocol.http1.ProtocolException;
import org.pagi.protocol.http1.ReasonPhrases;
import org.pagi.spec.Bytes;
import org.pagi.spec.DisconnectReason;
import org.pagi.protocol.websocket.WebSocketHandshake;
import org.pagi.spec.RequestScope;
import org.pagi.spec.RequestInfo;
import org.pagi.spec.event.Event;
import org.pagi.spec.event.HttpDisconnect;
import org.pagi.spec.event.HttpFullFlush;
import org.pagi.spec.event.HttpResponseBody;
import org.pagi.spec.event.HttpResponseChannel;
import org.pagi.spec.event.HttpResponseFile;
import org.pagi.spec.event.HttpResponseStart;
import org.pagi.spec.event.HttpResponseTrailers;
import org.pagi.spec.event.SseEvent;
import org.pagi.spec.event.WebSocketConnect;
import org.pagi.spec.event.WebSocketEvent;
import org.pagi.spec.order.Ending;
import org.pagi.spec.order.Verdict;
import org.pagi.spec.server.BodySources;
import org.pagi.spec.server.ConnectionInfo;
import org.pagi.spec.server.ConnectionTracker;
import org.pagi.spec.server.FlowTracker;
import org.pagi.spec.server.InboundQueue;
import org.pagi.spec.server.InvalidRequestException;
import org.pagi.spec.server.ScopeFactory;

/**
 * One HTTP/1.1 connection as a sans-IO state machine: bytes and application events in, bytes and decisions out
 * (through {@link ExchangeOutput}). The transport, the test client's wire mode and the compliance suite all drive
 * this same class.
 *
 * <h2>Theory of operation</h2>
 * <pre>
 *   IDLE --request head--> EXCHANGE (the application runs; body pieces go to its inbound queue)
 *     ^                        | response complete and request body read (or drained)
 *     +--- keep-alive ---------+--- otherwise: close
 * </pre>
 * One exchange at a time: the parser pauses after each request, so pipelined requests are answered in order.
 * The response head waits for the first body event ({@link ResponseEncoder}); every send's stage completes when
 * its bytes were handed to the network, which is how a slow client slows the application down. The tricky
 * cases are the ends: the application returning without a response (the 500 backstop), returning or failing
 * mid-body (abort, so the client sees a broken response, never a short success), a request body the
 * application never read (drained up to a limit, or the connection closes), and the client leaving first
 * ({@code pagi.connection} is told before {@code http.disconnect} is queued, as the spec orders).
 *
 * <p>Not thread-safe: the transport makes sure one thread at a time calls it (the loop, or an application
 * thread holding the connection's lock).
 *
 * <p>The file is long on purpose: it is the whole connection state machine, and its transitions (begin, body,
 * send, finish, error, close) read better side by side than spread over classes that would share every field.
 * Response framing lives in {@link ResponseEncoder}, file bodies in {@link RangeStream}, and the per-request
 * state in {@link Exchange}.
 */
public final class Http1Connection {
    /** What the connection is doing, so the transport knows which timeout applies. */
    public enum Phase {
        /** Waiting for a request between exchanges (keep-alive timeout). */
        IDLE,
        /** A request head has started arriving (header timeout). */
        HEAD,
        /** Reading a request body the application waits for (body timeout). */
        BODY,
        /** The application has everything it asked for; no read timeout applies. */
        APPLICATION,
        /** The connection is closing. */
        CLOSED
    }

    private final ExchangeSettings settings;
    private final ConnectionInfo connection;
    private final ExchangeOutput out;
    private final java.util.function.UnaryOperator<RequestInfo> rewriter;
    private final Http1Parser parser;
    private final org.pagi.spec.Extensions websocketExtensions;
    private Exchange current;
    private Bytes held;
    private long drained;
    private boolean closing;
    private boolean closed;
    private boolean sawBytes;
    private final int maxRequests;
    private int requests; // begun on this connection, for maxRequests

    /**
     * @param settings   what all connections share
     * @param connection the addresses and security of this connection
     * @param out        the transport
     * @param rewriter   applied to every request's keys (trusted proxy headers); identity when off
     */
    public Http1Connection(ExchangeSettings settings, ConnectionInfo connection, ExchangeOutput out,
            java.util.function.UnaryOperator<RequestInfo> rewriter) {
        this(settings, connection, out, rewriter, 0);
    }

    /**
     * @param maxRequests requests served at most: the response to the last carries {@code connection: close} and
     *                    the connection closes after it, so requests pipelined behind it get no answer (RFC 9112
     *                    section 9.6); 0 for no limit
     */
    public Http1Connection(ExchangeSettings settings, ConnectionInfo connection, ExchangeOutput out,
            java.util.function.UnaryOperator<RequestInfo> rewriter, int maxRequests) {
        this.maxRequests = maxRequests;
        this.settings = settings;
        this.connection = connection;
        this.out = out;
        this.rewriter = rewriter;
        this.parser = new Http1Parser(Http1Parser.Role.SERVER, settings.limits());
        this.websocketExtensions = settings.extensions().with(org.pagi.spec.Extensions.WEBSOCKET_HTTP_RESPONSE);
    }

    /** Bytes arrived from the client. */
    public void received(ByteBuffer bytes) {
        if (closed) {
            return;
        }
        if (current != null && current.websocket != null && current.websocket.accepted()) {
            current.websocket.received(bytes);
            return;
        }
        if (bytes.hasRemaining()) {
            sawBytes = true;
        }
        parser.feed(bytes);
        pump();
    }

    /** The client closed its side. */
    public void receivedEof() {
        if (closed) {
            return;
        }
        if (current != null && current.websocket != null && current.websocket.accepted()) {
            current.websocket.dropped(DisconnectReason.CLIENT_CLOSED);
            return;
        }
        parser.feedEof();
        if (current != null && !current.responseDone && current.requestComplete) {
            clientGone(DisconnectReason.CLIENT_CLOSED); // nothing more will come, and the response is unfinished
            return;
        }
        pump();
    }

    /** Reading from the socket failed. */
    public void readFailed() {
        clientGone(DisconnectReason.READ_ERROR);
    }

    /** The transport closed the socket (after a close this connection asked for, or on its own). */
    public void transportClosed() {
        if (!closed) {
            clientGone(DisconnectReason.CLIENT_CLOSED);
        }
    }

    /** Writing to the socket failed. */
    public void writeFailed() {
        clientGone(DisconnectReason.WRITE_ERROR);
    }

    /** The timeout of the current {@link #phase()} expired. */
    public void timedOut() {
        switch (phase()) {
            case IDLE -> close(false);
            case HEAD -> errorResponse(408, "the request head did not arrive in time");
            case BODY -> {
                DisconnectReason reason = DisconnectReason.CLIENT_TIMEOUT;
                if (current.encoder.status() == 0) {
                    disconnectCurrent(reason);
                    errorResponse(408, "the request body did not arrive in time");
                } else {
                    abort(current, reason);
                }
            }
            case APPLICATION, CLOSED -> {
                // the application's time is its own; closed connections time nothing
            }
        }
    }

    /** The socket accepted no byte of the queued output for the write timeout: the client is dropped. */
    public void writeTimedOut() {
        clientGone(DisconnectReason.WRITE_TIMEOUT);
    }

    /**
     * Cuts a client whose request body arrives slower than {@code minBytesPerSecond}, averaged over the time the
     * server waited for it (see {@link BodyRate}), once it waited {@code graceNanos}: 408 and close when no
     * response started, otherwise the exchange aborts. The transport calls it with each timer tick.
     */
    public void checkBodyRate(long minBytesPerSecond, long graceNanos) {
        Exchange ex = current;
        if (ex == null || closed || minBytesPerSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        ex.bodyRate.waiting(awaitingBody(ex), now);
        if (!ex.bodyRate.tooSlow(minBytesPerSecond, graceNanos, now)) {
            return;
        }
        if (ex.responseDone) {
            close(false); // a body drained after a complete response: stop reading it, the response still goes out
        } else if (ex.encoder.status() == 0 || !ex.encoder.headWritten()) {
            disconnectCurrent(DisconnectReason.CLIENT_TIMEOUT);
            errorResponse(408, "the request body arrived slower than the minimum rate");
        } else {
            abort(ex, DisconnectReason.CLIENT_TIMEOUT);
        }
    }

    /**
     * @return whether the server is waiting for body bytes of {@code ex} now: not while reading is paused for an
     *         application that is not reading, nor while a client waits for the 100 Continue it asked for
     */
    private boolean awaitingBody(Exchange ex) {
        return ex == current && !closed && ex.websocket == null && !ex.requestComplete && !ex.readPaused
                && (!ex.expectContinue || ex.continueSent || ex.bodyRate.started());
    }

    private void bodyWaitChanged(Exchange ex) {
        if (ex != null) {
            ex.bodyRate.waiting(awaitingBody(ex), System.nanoTime());
        }
    }

    /** Stop taking new requests: close when idle, or after the current response. */
    public void shutdown() {
        closing = true;
        if (current == null) {
            close(false);
            return;
        }
        if (current.websocket != null && current.websocket.isOpen()) {
            current.websocket.shutdown(); // close 1001; the socket closes when the peer answers
        } else if (current.kind == ScopeFactory.Kind.SSE && current.encoder.headWritten() && !current.responseDone) {
            endStream(current, DisconnectReason.SERVER_SHUTDOWN); // a stream never ends by itself: end it now
        }
    }

    /**
     * Time passed: runs the timers of the current exchange (SSE keepalive comments; WebSocket pings, pong, idle
     * and close timeouts). The transport calls it a few times a second; the time is the settings' clock.
     */
    public void tick() {
        parser.releaseDrainedInput();
        Exchange ex = current;
        if (ex == null || closed) {
            return;
        }
        if (ex.websocket != null) {
            ex.websocket.tick();
        } else if (ex.sseKeepalive != null && !ex.responseDone) {
            Bytes due = ex.sseKeepalive.due(nowMillis());
            if (due != null) {
                writeBody(ex, due, true);
            }
        }
    }

    /** @return what the request parser's input buffer holds on to (tests of idle memory) */
    int inputCapacity() {
        return parser.inputCapacity();
    }

    /** Tells the application the server is going away, for exchanges still running at the end of the grace. */
    public void abandon(DisconnectReason reason) {
        if (current != null && !current.responseDone) {
            abort(current, reason);
        } else {
            close(true);
        }
    }

    /** @return what the connection is doing */
    public Phase phase() {
        if (closed) {
            return Phase.CLOSED;
        }
        if (current == null) {
            return parser.buffered() > 0 || sawBytes ? Phase.HEAD : Phase.IDLE;
        }
        if (!current.requestComplete && current.inbound.hasWaiter() && !current.readPaused) {
            return Phase.BODY;
        }
        return Phase.APPLICATION;
    }

    private void pump() {
        while (!closed) {
            if (current != null && (current.readPaused || (current.responseDone && current.requestComplete))) {
                return;
            }
            Http1Event e;
            try {
                e = parser.next();
            } catch (ProtocolException pe) {
                protocolError(pe);
                return;
            }
            switch (e) {
                case Http1Event.Request r -> begin(r);
                case Http1Event.Data d -> body(d.data());
                case Http1Event.EndOfMessage end -> bodyEnd();
                case Http1Event.NeedData n -> {
                    flushHeld(true);
                    return;
                }
                case Http1Event.Paused p -> {
                    return; // the next request waits for this response
                }
                case Http1Event.ConnectionClosed c -> {
                    close(false);
                    return;
                }
                case Http1Event.Response r -> throw new IllegalStateException("a server parser read a response");
            }
        }
    }

    private void begin(Http1Event.Request r) {
        sawBytes = false;
        ScopeFactory.Kind kind = ScopeFactory.classify(r.head());
        WebSocketHandshake.Accepted handshake = null;
        if (kind == ScopeFactory.Kind.WEBSOCKET) {
            switch (WebSocketHandshake.check(r.head(), settings.websocket().deflate())) {
                case WebSocketHandshake.Rejected no -> {
                    String date = settings.date().at(settings.clock().getAsLong());
                    out.write(ErrorResponses.of(no.status(), ReasonPhrases.of(no.status()), no.detail(), no.headers(),
                            date, settings.serverHeader()), ExchangeOutput.NOTHING);
                    close(false);
                    return;
                }
                case WebSocketHandshake.Accepted yes -> handshake = yes;
            }
        }
        RequestInfo info;
        try {
            info = rewriter.apply(ScopeFactory.requestInfo(r.head(), connection, kind));
        } catch (InvalidRequestException bad) {
            errorResponse(bad.status(), bad.getMessage());
            return;
        }
        requests++;
        boolean keepAlive = r.keepAlive() && !closing && (maxRequests == 0 || requests < maxRequests);
        boolean teTrailers = acceptsTrailers(r.head().headers());
        ConnectionTracker tracker = new ConnectionTracker();
        FlowTracker flow = new FlowTracker();
        Exchange[] self = new Exchange[1];
        InboundQueue inbound = new InboundQueue(new InboundQueue.Listener() {
            @Override
            public void firstReceive() {
                out.later(() -> sendContinue(self[0]));
            }

            @Override
            public void taken(long bytes) {
                out.later(() -> maybeResume(self[0]));
            }
        });
        RequestScope scope = switch (kind) {
            case HTTP -> ScopeFactory.http(info, settings.lifespanState(), settings.extensions(), tracker, flow);
            case SSE -> ScopeFactory.sse(info, settings.lifespanState(), settings.extensions(), flow);
            case WEBSOCKET -> ScopeFactory.websocket(info, settings.lifespanState(), websocketExtensions, flow);
        };
        ResponseEncoder encoder = new ResponseEncoder(r.head().method().equals("HEAD"),
                r.head().httpVersion().equals("1.0"), keepAlive, teTrailers);
        Exchange ex = new Exchange(kind, r.head(), scope, tracker, flow, inbound, encoder, System.nanoTime(),
                settings.clock().getAsLong());
        self[0] = ex;
        current = ex;
        if (handshake != null) {
            ex.websocket = new WebSocketSession(this, ex, out, settings, handshake);
            ex.inbound.offer(new WebSocketConnect());
        }
        boolean noBody = r.framing() instanceof BodyFraming.None
                || r.framing() instanceof BodyFraming.Length len && len.length() == 0;
        ex.expectContinue = r.expectContinue() && !noBody;
        bodyWaitChanged(ex);
        // The (possibly empty) last http.request is queued at the parser's EndOfMessage, which follows at once.
        out.startApplication(scope, inbound, ex);
    }

    /** RFC 9110 section 10.1.4: a client that keeps trailers lists the {@code trailers} token in {@code TE}. */
    private static boolean acceptsTrailers(org.pagi.spec.Headers headers) {
        if (!headers.contains("te")) {
            return false;
        }
        for (String value : headers.all("te")) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("trailers")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void body(Bytes data) {
        Exchange ex = current;
        if (ex != null) {
            ex.bodyRate.arrived(data.length());
        }
        if (ex == null || ex.responseDone || ex.disconnected || ex.websocket != null) {
            drained += data.length();
            if (drained > settings.drainLimit()) {
                if (ex != null) {
                    ex.requestComplete = true;
                }
                close(false);
            }
            return;
        }
        flushHeld(true);
        held = data;
        // Pause only on bytes really queued: the application's taking them is what resumes reading.
        if (ex.inbound.queuedBytes() >= settings.inboundHighWater()) {
            flushHeld(true);
            ex.readPaused = true;
            out.pauseReading();
        }
        bodyWaitChanged(ex);
    }

    private void bodyEnd() {
        Exchange ex = current;
        if (ex == null) {
            return;
        }
        if (!ex.responseDone && !ex.disconnected && ex.websocket == null) {
            ex.inbound.offer(ex.requestEvent(held == null ? Bytes.empty() : held, false));
        }
        held = null;
        ex.requestComplete = true;
        bodyWaitChanged(ex);
        if (ex.responseDone) {
            advance();
        }
    }

    private void flushHeld(boolean more) {
        if (held != null && current != null) {
            current.inbound.offer(current.requestEvent(held, more));
        }
        held = null;
    }

    private void sendContinue(Exchange ex) {
        // RFC 9110 section 10.1.1: 100 Continue once the application asks for the body, unless the final head is
        // already out; an application that sent http.response.start before reading still gets its body (the head
        // waits for the first body piece, which may need the body).
        if (ex == current && ex.expectContinue && !ex.continueSent && !ex.requestComplete && !ex.encoder.headWritten()
                && !closed) {
            ex.continueSent = true;
            bodyWaitChanged(ex);
            out.write(org.pagi.protocol.http1.Http1Writer.continue100(), ExchangeOutput.NOTHING);
        }
    }

    private void maybeResume(Exchange ex) {
        if (ex == current && ex.readPaused && ex.inbound.queuedBytes() <= settings.inboundLowWater()) {
            ex.readPaused = false;
            bodyWaitChanged(ex);
            out.resumeReading();
            if (ex.websocket != null) {
                ex.websocket.drain(); // frames decoded but not yet handed over come first
            } else {
                pump();
            }
        }
    }

    /**
     * Carries out one event the application sent.
     *
     * @return a stage that completes when the event's bytes were handed to the network, or fails when the event
     *         may not be sent
     */
    public CompletableFuture<Void> send(Exchange ex, Event event) {
        SeekableByteChannel file = null;
        try {
            if (event instanceof HttpResponseFile f) {
                file = BodySources.open(f); // fail the send before the order state moves
            }
            Verdict verdict = ex.order.send(event);
            if (verdict == Verdict.IGNORE || ex.aborted || closed && !(event instanceof HttpResponseStart)
                    || ex.disconnected && ex.kind != ScopeFactory.Kind.HTTP) {
                RangeStream.closeQuietly(file);
                return CompletableFuture.completedFuture(null);
            }
            SeekableByteChannel owned = file;
            file = null; // from here the file body's stream closes it
            return deliver(ex, event, owned);
        } catch (RuntimeException e) {
            RangeStream.closeQuietly(file);
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> deliver(Exchange ex, Event event, SeekableByteChannel file) {
        String date = settings.date().at(settings.clock().getAsLong());
        switch (event) {
            case HttpResponseStart s -> {
                ex.encoder.start(s);
                ex.tracker.markResponseStarted();
                if (closing) {
                    ex.encoder.forceClose();
                }
                return CompletableFuture.completedFuture(null);
            }
            case HttpResponseBody b -> {
                return write(ex, encodeBody(ex, b.body(), b.more(), date));
            }
            case HttpResponseFile f -> {
                return streamRange(ex, file, f.offset(), f.length(), true);
            }
            case HttpResponseChannel c -> {
                return streamRange(ex, c.channel(), c.offset(), c.length(), false);
            }
            case HttpResponseTrailers t -> {
                return write(ex, ex.encoder.trailers(t.headers(), date, settings.serverHeader()));
            }
            case HttpFullFlush f -> {
                return CompletableFuture.completedFuture(null); // every write already goes out at once
            }
            case SseEvent e -> {
                return SseDelivery.deliver(this, ex, e);
            }
            case WebSocketEvent e -> {
                return ex.websocket.send(e);
            }
            default -> throw new IllegalArgumentException(ex.kind + ": cannot send " + event.type());
        }
    }

    /** Starts the HTTP response of an sse or websocket scope (a stream, a decline or a denial). */
    void startResponse(Exchange ex, int status, org.pagi.spec.Headers headers) {
        ex.encoder.start(new HttpResponseStart(status, headers, false));
        ex.tracker.markResponseStarted();
        if (closing) {
            ex.encoder.forceClose();
        }
    }

    /** Writes a body piece of the current response, framed (chunked or by length). */
    CompletableFuture<Void> writeBody(Exchange ex, Bytes data, boolean more) {
        return write(ex, encodeBody(ex, data, more, settings.date().at(settings.clock().getAsLong())));
    }

    /**
     * Answers {@code ex} with a complete error response of the server's own (a refused handshake, the 500
     * backstop), logs it, and closes.
     */
    void answerForApplication(Exchange ex, int status) {
        ex.tracker.markResponseStarted();
        ex.responseDone = true;
        closing = true;
        byte[] response = ErrorResponses.of(status, ReasonPhrases.of(status), "", settings.date().at(nowMillis()),
                settings.serverHeader());
        ex.answeredByServer(status, ErrorResponses.bodyLength(response));
        out.write(response, ExchangeOutput.NOTHING);
        out.completed(ex);
        close(false);
    }

    /** @return the settings' clock, epoch milliseconds */
    long nowMillis() {
        return settings.clock().getAsLong();
    }

    /** @return the bytes that arrived behind an upgrade request: after a 101 they belong to the new protocol */
    ByteBuffer takeUpgradeBytes() {
        return parser.takeBuffered();
    }

    /** Ends an SSE stream the server itself ends (shutdown): the last chunk, then the disconnect. */
    private void endStream(Exchange ex, DisconnectReason reason) {
        if (!ex.disconnected) {
            disconnectCurrent(reason); // first: the last chunk below finishes the exchange and may close
        }
        writeBody(ex, Bytes.empty(), false);
    }

    /** Writes bytes of {@code ex} that carry no HTTP framing (WebSocket frames), counting them for its flow. */
    CompletableFuture<Void> writeCounted(Exchange ex, ByteBuffer[] buffers) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        long total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        long bytes = total;
        ex.flow.queued(bytes);
        out.write(buffers, () -> {
            ex.flow.written(bytes);
            done.complete(null);
        });
        return done;
    }

    /** The WebSocket of {@code ex} ended: close the socket once the last frames are out. */
    void websocketClosed(Exchange ex) {
        if (!ex.responseDone) {
            ex.responseDone = true;
            out.completed(ex);
        }
        close(false);
    }

    /** Streams a file or channel body piece by piece (see {@link RangeStream}). */
    private CompletableFuture<Void> streamRange(Exchange ex, SeekableByteChannel ch, long offset,
            java.util.OptionalLong length, boolean closeAfter) {
        return RangeStream.start(ch, offset, length, closeAfter, (piece, more) -> write(ex,
                encodeBody(ex, piece, more, settings.date().at(settings.clock().getAsLong()))),
                out::later, () -> ex.aborted || closed);
    }

    private ByteBuffer[] encodeBody(Exchange ex, Bytes data, boolean more, String date) {
        try {
            return ex.encoder.body(data, more, date, settings.serverHeader());
        } catch (IllegalStateException tooLong) {
            out.problem("response aborted: " + tooLong.getMessage(), null);
            abort(ex, DisconnectReason.SERVER_ERROR);
            throw tooLong;
        }
    }

    private CompletableFuture<Void> write(Exchange ex, ByteBuffer[] buffers) {
        long total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        if (total == 0) {
            if (ex.encoder.finished() && !ex.responseDone) {
                responseFinished(ex);
            }
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = writeCounted(ex, buffers);
        if (ex.encoder.finished() && !ex.responseDone) {
            responseFinished(ex);
        }
        return done;
    }

    private void responseFinished(Exchange ex) {
        ex.responseDone = true;
        ex.tracker.markResponseComplete();
        if (ex.kind == ScopeFactory.Kind.HTTP) {
            ex.inbound.offer(new HttpDisconnect()); // receive after the response yields http.disconnect
        }
        out.completed(ex);
        if (!ex.encoder.keepAlive() || ex.kind != ScopeFactory.Kind.HTTP) {
            closing = true; // an ended or declined stream, a denied WebSocket: the spec has the server close
        }
        if (ex.expectContinue && !ex.continueSent && !ex.requestComplete) {
            closing = true; // the client is still waiting to send a body we never asked for
            ex.requestComplete = true;
        }
        if (ex.requestComplete) {
            advance();
        } else {
            held = null; // drain the rest of the body
            if (ex.readPaused) {
                ex.readPaused = false;
                bodyWaitChanged(ex);
                out.resumeReading();
            }
            out.later(this::pump);
        }
    }

    private void advance() {
        current = null;
        drained = 0;
        if (closing) {
            close(false);
            return;
        }
        parser.nextMessage();
        out.later(this::pump);
    }

    /** The application's stage completed for {@code ex}; {@code failure} is null on success. */
    public void applicationFinished(Exchange ex, Throwable failure) {
        ex.appFinished = true;
        Ending ending = ex.order.finish();
        switch (ending) {
            case COMPLETE -> {
                if (failure != null) {
                    out.problem("the application failed after its response was complete", failure);
                }
                if (ex.kind == ScopeFactory.Kind.SSE && ex.encoder.headWritten() && !ex.encoder.finished()
                        && !ex.aborted && !closed && failure != null) {
                    // Completion contract: a failure mid-stream leaves the client a broken response. A stream is
                    // chunked, so ending it without its last chunk is unmistakably broken, and what was sent
                    // still arrives (a reset could discard it).
                    ex.aborted = true;
                    ex.order.peerDisconnected();
                    ex.tracker.disconnect(DisconnectReason.SERVER_ERROR);
                    ex.responseDone = true;
                    out.completed(ex);
                    close(false);
                } else if (ex.kind == ScopeFactory.Kind.SSE && ex.encoder.headWritten() && !ex.encoder.finished()
                        && !ex.aborted && !closed) {
                    writeBody(ex, Bytes.empty(), false); // spec: returning while STREAMING is sse.close
                }
            }
            case DISCONNECTED -> {
                // the client left first: not an application error, nothing to log (spec)
            }
            case NOT_STARTED -> {
                if (!ex.aborted && !closed) {
                    out.problem(failure == null ? "the application returned without sending http.response.start; answered 500"
                            : "the application failed before responding; answered 500", failure);
                    ex.tracker.disconnect(DisconnectReason.SERVER_ERROR);
                    ex.order.peerDisconnected();
                    answerForApplication(ex, 500);
                }
            }
            case UNFINISHED -> {
                if (ex.websocket != null && ex.websocket.isOpen()) {
                    if (failure != null) {
                        out.problem("the application failed with its WebSocket open; closed with 1011", failure);
                    }
                    // spec: an application that returns with its WebSocket open gets it closed with 1000
                    ex.websocket.startClose(failure == null ? 1000 : 1011, "");
                } else if (!ex.aborted && !closed) {
                    out.problem(failure == null ? "the application returned before its response was complete; connection aborted"
                            : "the application failed mid-response; connection aborted", failure);
                    abort(ex, DisconnectReason.SERVER_ERROR);
                }
            }
        }
    }

    private void protocolError(ProtocolException pe) {
        flushHeld(true); // body bytes that arrived before the fault still reach the application
        if (pe.violation() == org.pagi.protocol.http1.Violation.INCOMPLETE_MESSAGE) {
            clientGone(DisconnectReason.CLIENT_CLOSED); // a FIN mid-message: the client left; nobody to answer
            return;
        }
        DisconnectReason reason = pe.status() == 413 ? DisconnectReason.BODY_TOO_LARGE : DisconnectReason.PROTOCOL_ERROR;
        if (current != null && !current.responseDone) {
            if (current.encoder.status() == 0 || !current.encoder.headWritten()) {
                disconnectCurrent(reason);
                errorResponse(pe.status(), pe.violation().rule());
            } else {
                abort(current, reason);
            }
            return;
        }
        errorResponse(pe.status(), pe.violation().rule());
    }

    private void errorResponse(int status, String detail) {
        if (closed) {
            return;
        }
        String date = settings.date().at(settings.clock().getAsLong());
        out.write(ErrorResponses.of(status, ReasonPhrases.of(status), detail, date, settings.serverHeader()),
                ExchangeOutput.NOTHING);
        close(false);
    }

    private void disconnectCurrent(DisconnectReason reason) {
        Exchange ex = current;
        ex.disconnected = true;
        ex.order.peerDisconnected();
        if (ex.tracker.disconnect(reason)) {
            ex.inbound.offer(ex.disconnectEvent(reason));
        }
        out.completed(ex);
    }

    private void clientGone(DisconnectReason reason) {
        if (current != null && current.websocket != null && current.websocket.accepted()) {
            current.websocket.dropped(reason);
            close(true);
            return;
        }
        if (current != null && !current.responseDone && !current.disconnected) {
            disconnectCurrent(reason);
        }
        close(true);
    }

    private void abort(Exchange ex, DisconnectReason reason) {
        if (ex.aborted) {
            return;
        }
        ex.aborted = true;
        ex.order.peerDisconnected();
        if (ex.tracker.disconnect(reason)) {
            ex.inbound.offer(ex.disconnectEvent(reason));
        }
        if (!ex.responseDone) {
            ex.responseDone = true;
            out.completed(ex);
        }
        close(true);
    }

    private void close(boolean abort) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        if (current != null && !current.disconnected
                && (!current.responseDone || current.websocket != null && current.websocket.accepted())) {
            disconnectCurrent(DisconnectReason.CLIENT_CLOSED);
        }
        out.close(abort);
    }
}
