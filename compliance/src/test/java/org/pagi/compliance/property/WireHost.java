package org.pagi.compliance.property;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.pagi.protocol.http1.Http1Limits;
import org.pagi.protocol.websocket.WsEvent;
import org.pagi.protocol.sse.SseDecoder;
import org.pagi.protocol.sse.SseFrame;
import org.pagi.protocol.sse.SseItem;
import org.pagi.protocol.sse.SseLimitException;
import org.pagi.server.run.LifespanRunner;
import org.pagi.spec.Application;
import org.pagi.spec.Bytes;
import org.pagi.spec.Headers;
import org.pagi.spec.State;
import org.pagi.spec.event.WebSocketClose;
import org.pagi.spec.event.WebSocketMessage;
import org.pagi.testing.PagiTestTimeoutException;
import org.pagi.testing.wire.WireClient;
import org.pagi.testing.wire.WireConnection;
import org.pagi.testing.wire.WireRefusedException;
import org.pagi.testing.wire.WireResponse;
import org.pagi.testing.wire.WireWebSocket;

/**
 * {@code server-jdk} as a {@link PagiHost}, through the test client's wire mode: raw HTTP/1.1 bytes through the
 * server's production connection state machine ({@code Http1Connection}), no socket. The request is written as
 * bytes (a chunked body, one chunk per non-empty piece; HTTP/1.1 has no empty chunk), the response parsed by the
 * kit's client-role parser.
 *
 * <p>HTTP, WebSocket ({@link WireConnection#websocket}: masked frames through the production codec in the client
 * role) and SSE, and lifespan through the server's runner. SSE streams and refused WebSocket handshakes are read
 * whole, once they end. A client that leaves half-closes its side (a FIN), which is how a leaving client
 * looks to the server on a real socket too.
 *
 * <p>One {@link WireClient}, the server, lives as long as the host, as a server outlives the calls it makes: an
 * application may go on sending after its client is done, and those sends must meet the server, not a stopped
 * one. Its application hands each call to the application of the exchange being run; the contracts run one
 * exchange at a time and wait for each application to return, so the hand-over is never ambiguous.
 */
final class WireHost implements PagiHost, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AtomicReference<Application> current = new AtomicReference<>();
    private final WireClient wire = WireClient.of((scope, receive, send) -> current.get().call(scope, receive, send),
            Http1Limits.defaults(), TIMEOUT);

    @Override
    public Set<Scope> scopes() {
        return EnumSet.allOf(Scope.class);
    }

    @Override
    public HttpSeen http(Application app, HttpPlan plan) {
        current.set(app);
        try (WireConnection c = wire.connect()) {
            c.send("POST / HTTP/1.1\r\nhost: wire.test\r\nte: trailers\r\ntransfer-encoding: chunked\r\n\r\n");
            int pieces = plan.leaveAfter().orElse(plan.body().size());
            for (int i = 0; i < pieces; i++) {
                c.send(chunk(plan.body().get(i)));
            }
            if (plan.leaveAfter().isPresent()) {
                if (pieces == plan.body().size()) {
                    c.send("0\r\n\r\n");
                }
                c.closeInput();
                return HttpSeen.left();
            }
            c.send("0\r\n\r\n");
            try {
                WireResponse r = c.read("POST", false);
                return HttpSeen.complete(r.status(), r.headers(), r.body(), r.trailers());
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError cut) {
                // the connection ended before a complete response (or the bytes were not HTTP at all)
                return HttpSeen.aborted(0, Headers.empty(), Bytes.empty());
            }
        }
    }

    /**
     * The handshake through {@link WireConnection#websocket}, offering no subprotocol and no compression; a refusal
     * ({@link WireRefusedException}) is read whole, so one that breaks off is seen as status 0, aborted. Then the plan's messages, one frame each, and frames read as
     * they come, as a browser reads them: every message, the server's Close (answered with its own code, RFC 6455
     * section 5.5.1), or the end of the connection with no Close (1006). Pings are answered, pongs skipped.
     */
    @Override
    public Optional<WebSocketSeen> websocket(Application app, WebSocketPlan plan) {
        current.set(app);
        try (WireConnection c = wire.connect()) {
            WireWebSocket ws;
            try {
                ws = c.websocket("/ws");
            } catch (WireRefusedException refused) {
                return Optional.of(WebSocketSeen.refused(refused.status(), refused.body(), Optional.of(false)));
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError cut) {
                if (String.valueOf(cut.getMessage()).startsWith("the server's 101")) {
                    throw cut; // a 101 a client must refuse: the server's mistake, not a broken answer
                }
                // the connection ended before a whole answer (a denial broken off): its status is not known
                return Optional.of(WebSocketSeen.refused(0, Bytes.empty(), Optional.of(true)));
            }
            return Optional.of(session(ws, plan));
        }
    }

    private static WebSocketSeen session(WireWebSocket ws, WebSocketPlan plan) {
        for (WebSocketMessage m : plan.messages()) {
            switch (m) {
                case WebSocketMessage.Text t -> ws.sendText(t.text());
                case WebSocketMessage.Binary b -> ws.sendBinary(b.bytes());
            }
        }
        List<WebSocketMessage> got = new ArrayList<>();
        Optional<WebSocketSeen.Closed> close = Optional.empty();
        int wanted = plan.leave().map(WebSocketPlan.Leave::afterMessages).orElse(Integer.MAX_VALUE);
        while (close.isEmpty() && got.size() < wanted) {
            WsEvent e;
            try {
                e = ws.next();
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError ended) {
                // the server closed the connection with no Close frame
                close = Optional.of(new WebSocketSeen.Closed(WebSocketSeen.Closed.ABNORMAL, ""));
                continue;
            }
            switch (e) {
                case WsEvent.Message m -> got.add(m.message());
                case WsEvent.Ping p -> ws.pong(p.payload());
                case WsEvent.Pong p -> {
                    // unsolicited: nothing to do
                }
                case WsEvent.Close c -> close = Optional.of(new WebSocketSeen.Closed(c.code(), c.reason()));
                case WsEvent.Failure f -> throw new AssertionError("the server broke the WebSocket protocol: "
                        + f.violation() + " (" + f.detail() + ")");
                case WsEvent.NeedData n -> throw new IllegalStateException("next() never yields NeedData");
            }
        }
        boolean ended = close.filter(c -> c.code() == WebSocketSeen.Closed.ABNORMAL).isPresent();
        Optional<WebSocketClose> leave = plan.leave().flatMap(WebSocketPlan.Leave::close);
        if (ended) {
            // nothing to answer: the connection is gone
        } else if (plan.leave().isPresent() && leave.isEmpty()) {
            ws.disconnect();
        } else if (leave.isPresent()) {
            ws.close(leave.get().code(), leave.get().reason());
        } else {
            WebSocketSeen.Closed c = close.orElseThrow();
            ws.close(c.code(), ""); // the client's answer to the server's close: its code, as a browser does
        }
        return WebSocketSeen.accepted(got, close);
    }

    @Override
    public Optional<SseSeen> sse(Application app, SsePlan plan) {
        current.set(app);
        try (WireConnection c = wire.connect()) {
            String method = plan.body().isEmpty() ? "GET" : "POST";
            String length = plan.body().isEmpty() ? "" : "content-length: " + plan.body().length() + "\r\n";
            c.send(method + " /events HTTP/1.1\r\nhost: wire.test\r\naccept: text/event-stream\r\n" + length + "\r\n");
            c.send(plan.body().toByteArray());
            if (plan.leaveAfter().isPresent()) {
                c.closeInput(); // whole responses only: the client leaves as soon as the request is out
                return Optional.of(new SseSeen(0, Headers.empty(), List.of(), Bytes.empty(), Optional.empty()));
            }
            WireResponse r;
            try {
                r = c.read(method, false);
            } catch (PagiTestTimeoutException slow) {
                throw slow;
            } catch (AssertionError cut) {
                return Optional.of(new SseSeen(0, Headers.empty(), List.of(), Bytes.empty(), Optional.of(true)));
            }
            boolean stream = r.headers().first("content-type").orElse("").startsWith("text/event-stream");
            return Optional.of(stream
                    ? new SseSeen(r.status(), r.headers(), decode(r.body()), Bytes.empty(), Optional.of(false))
                    : new SseSeen(r.status(), r.headers(), List.of(), r.body(), Optional.of(false)));
        }
    }

    /**
     * Lifespan is not part of a connection: it runs through the server's own {@code LifespanRunner}, which has no
     * socket either. Its shutdown reports nothing back (it logs), so only the startup answer is seen.
     */
    @Override
    public LifespanSeen lifespan(Application app) {
        LifespanRunner runner = new LifespanRunner(app, new State());
        LifespanSeen.Answer startup = switch (runner.startup(TIMEOUT)) {
            case LifespanRunner.Startup.Complete c -> LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.COMPLETE);
            case LifespanRunner.Startup.Failed f ->
                    new LifespanSeen.Answer(LifespanSeen.Answer.Kind.FAILED, f.message());
            case LifespanRunner.Startup.Declined d -> LifespanSeen.Answer.of(LifespanSeen.Answer.Kind.NONE);
        };
        runner.shutdown(TIMEOUT);
        return new LifespanSeen(Optional.of(startup), Optional.empty());
    }

    /** @return the events of a whole stream, decoded as a browser's {@code EventSource} decodes them */
    private static List<SseSeen.Event> decode(Bytes body) {
        SseDecoder decoder = new SseDecoder();
        try {
            decoder.feed(body.toByteArray());
        } catch (SseLimitException e) {
            throw new AssertionError("the stream broke the decoder's limits: " + e.getMessage(), e);
        }
        decoder.end();
        List<SseSeen.Event> events = new ArrayList<>();
        for (SseItem item : decoder.drain()) {
            if (item instanceof SseFrame f) {
                events.add(new SseSeen.Event(f.event(), f.data(), f.id(), f.retry()));
            }
        }
        return events;
    }

    @Override
    public void close() {
        wire.close();
    }

    /** @return {@code piece} as one chunk of a chunked body; nothing for an empty piece */
    static byte[] chunk(Bytes piece) {
        if (piece.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(piece.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(piece.toByteArray());
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
